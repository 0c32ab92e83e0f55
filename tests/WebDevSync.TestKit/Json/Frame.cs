using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WebDevSync.TestKit.Json;

/// <summary>One whole message the relay sent: its kind, raw bytes and, for JSON, the parsed object.</summary>
public sealed record Frame(WebSocketMessageType Kind, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    /// <summary>The parsed message; <c>default</c> (Undefined) when the bytes are not JSON.</summary>
    public JsonElement Json { get; } = Parse(Bytes);

    /// <summary>The message's <c>type</c>, or null when it has none (or is not a JSON object).</summary>
    public string? Type => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    /// <summary>The text cut to a length a failure message can carry.</summary>
    public string Short => Text.Length <= 300 ? Text : Text[..300] + "…";

    private static JsonElement Parse(byte[] bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
