using System.Text.Json;

namespace WebDevSync.TestKit.Json;

/// <summary>Reads the fields of a relay message; a missing field is a failure that shows the message.</summary>
public static class MessageFields
{
    public static string Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new KeyNotFoundException($"no string '{name}' in {e}");

    public static JsonElement Payload(this JsonElement e) => e.GetProperty("payload");

    public static string ErrorCode(this JsonElement e) => e.Payload().Str("code");

    public static string ErrorMessage(this JsonElement e) => e.Payload().Str("message");

    /// <summary>A code_update's code.</summary>
    public static string Code(this JsonElement update) => update.Payload().Str("code");

    public static long Seq(this JsonElement update) => update.Payload().GetProperty("seq").GetInt64();
}
