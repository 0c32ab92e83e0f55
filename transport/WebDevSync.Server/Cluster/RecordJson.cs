using System.Text.Json;
using WebDevSync.Core.Cluster;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Cluster;

/// <summary>User records and node counts as the JSON kept in Redis.</summary>
internal static class RecordJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static byte[] Of(UserRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, Options);

    /// <summary>The record, or null when there is none or it cannot be read (then the user starts empty).</summary>
    public static UserRecord? Parse(byte[]? json)
    {
        if (json is null || json.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize<UserRecord>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Of(StatusCounts counts) => JsonSerializer.Serialize(counts, Options);

    public static StatusCounts? ParseCounts(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<StatusCounts>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
