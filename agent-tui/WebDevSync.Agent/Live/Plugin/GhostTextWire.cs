using System.Text.Json;
using WebDevSync.Agent.Editors;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Agent.Live.Plugin;

/// <summary>
/// GhostText's JSON as the browser extension speaks it to an editor's plugin (PROTOCOL.md, version 1):
/// the answer to <c>GET /</c>, and the field's <c>{title, url, syntax, text, selections}</c>. What the
/// plugin sends back (<c>{text, selections}</c>) is read by <see cref="GhostText.GhostTextMessages.Parse"/>,
/// which also clamps its selection to the text.
/// </summary>
public static class GhostTextWire
{
    /// <summary>The plugin's WebSocket port from its answer to <c>GET /</c>, or why it is not one.</summary>
    public static LanguageExt.Either<string, int> WebSocketPort(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "its answer to GET / is not a JSON object";
            if (!root.TryGetProperty("ProtocolVersion", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != 1)
                return "its answer to GET / does not say ProtocolVersion 1";
            if (!root.TryGetProperty("WebSocketPort", out var p) || p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out var port) || port is < 1 or > 65535)
                return "its answer to GET / has no WebSocketPort from 1 to 65535";
            return port;
        }
        catch (JsonException)
        {
            return "its answer to GET / is not JSON";
        }
    }

    /// <summary>The field as the extension sends it, with the cursor or selection.</summary>
    public static byte[] Field(GhostTextField field, string text, TextSelection selection) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["title"] = field.Title,
            ["url"] = field.Url,
            ["syntax"] = field.Syntax,
            ["text"] = text,
            ["selections"] = new[] { new Dictionary<string, int> { ["start"] = selection.Start, ["end"] = selection.End } },
        });
}
