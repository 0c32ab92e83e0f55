using System.Text.Json;
using WebDevSync.Core.Cluster;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>A user grain's durable state: the user's <see cref="UserRecord"/> as JSON (Redis grain storage, with an ETag).</summary>
[GenerateSerializer]
public sealed class StoredUser
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    [Id(0)]
    public string Json { get; set; } = "";

    public static string Of(UserRecord record) => record.IsEmpty ? "" : JsonSerializer.Serialize(record, Options);

    /// <summary>The record, or null when there is none or it cannot be read (then the user starts empty).</summary>
    public static UserRecord? Parse(string json)
    {
        if (json.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize<UserRecord>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>An id claim's durable state: the user holding it and when they last claimed it.</summary>
[GenerateSerializer]
public sealed class StoredClaim
{
    [Id(0)]
    public string? UserId { get; set; }

    [Id(1)]
    public long ClaimedAtMs { get; set; }
}
