using System.Text.Json;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Agent.GhostText;

/// <summary>What the GhostText extension sends on connect and on every change in the page.</summary>
public sealed record GhostTextChange(string Title, string Url, string Syntax, string Text, TextSelection? Selection);

/// <summary>
/// GhostText's JSON (PROTOCOL.md in fregante/GhostText, version 1): the extension sends
/// <c>{title, url, syntax, text, selections:[{start,end}]}</c>; the server sends <c>{text, selections}</c>.
/// </summary>
public static class GhostTextMessages
{
    /// <summary>A change, or why the frame is refused (the connection is then closed: it is not GhostText).</summary>
    public static LanguageExt.Either<string, GhostTextChange> Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var doc = JsonDocument.Parse(json.ToArray());
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object) return "not a JSON object";
                var root = doc.RootElement;
                if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String) return "text must be a string";
                var value = text.GetString()!;
                return new GhostTextChange(Str(root, "title"), Str(root, "url"), Str(root, "syntax"), value, FirstSelection(root, value.Length));
            }
        }
        catch (JsonException e)
        {
            return $"not JSON ({e.Message})";
        }
    }

    private static string Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    /// <summary>The first selection, clamped to the text (the extension's offsets are UTF-16, as the relay's).</summary>
    private static TextSelection? FirstSelection(JsonElement root, int length)
    {
        if (!root.TryGetProperty("selections", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0) return null;
        var first = list[0];
        if (first.ValueKind != JsonValueKind.Object
            || !first.TryGetProperty("start", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out var start)
            || !first.TryGetProperty("end", out var e) || e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var end)) return null;
        start = Math.Clamp(start, 0, length);
        return new TextSelection(start, Math.Clamp(end, start, length));
    }

    /// <summary><c>{"text": …, "selections": [{"start": c, "end": c}]}</c>: the editor's text with the cursor where it changed.</summary>
    public static byte[] Encode(string text, int cursor) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["text"] = text,
            ["selections"] = new[] { new Dictionary<string, int> { ["start"] = cursor, ["end"] = cursor } },
        });

    /// <summary>The answer to <c>GET /</c>.</summary>
    public static byte[] Hello(int webSocketPort) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, int> { ["ProtocolVersion"] = 1, ["WebSocketPort"] = webSocketPort });
}
