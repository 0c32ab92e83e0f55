using System.Text;
using System.Text.Json;

namespace WebDevSync.Bench.Load;

/// <summary>The JSON messages of the benchmark's clients, as both relays accept them (the seed's shapes).</summary>
public static class WsJson
{
    public static byte[] Connect(EndRole role, PairIdentity id) => Json(new Dictionary<string, object>
    {
        ["type"] = role == EndRole.Browser ? "browser_connect" : "desktop_connect",
        ["connectionId"] = role == EndRole.Browser ? id.BrowserId : id.AgentId,
        ["userId"] = id.User,
    });

    /// <summary>An edit_request (browser) or code_update (agent) whose code is a stamp template.</summary>
    public static byte[] Relayed(EndRole role, PairIdentity id, int payloadBytes) => role == EndRole.Browser
        ? Json(new Dictionary<string, object>
        {
            ["type"] = "edit_request", ["connectionId"] = id.BrowserId, ["userId"] = id.User, ["sessionId"] = id.SessionId,
            ["payload"] = new Dictionary<string, object> { ["textareaId"] = id.TextareaId, ["code"] = Stamp.TemplateCode(payloadBytes), ["fileType"] = "js" },
        })
        : Json(new Dictionary<string, object>
        {
            ["type"] = "code_update", ["connectionId"] = id.AgentId, ["userId"] = id.User, ["sessionId"] = id.SessionId,
            ["payload"] = new Dictionary<string, object> { ["textareaId"] = id.TextareaId, ["code"] = Stamp.TemplateCode(payloadBytes) },
        });

    private static readonly byte[] TypeKey = "\"type\":\""u8.ToArray();

    /// <summary>Classifies a server message by its "type" without parsing the rest (the stamp is found separately).</summary>
    public static InboundKind KindOf(ReadOnlySpan<byte> message)
    {
        var at = message.IndexOf(TypeKey);
        if (at < 0) return InboundKind.Other;
        var rest = message[(at + TypeKey.Length)..];
        if (rest.StartsWith("edit_request\""u8)) return InboundKind.EditRequest;
        if (rest.StartsWith("code_update\""u8)) return InboundKind.CodeUpdate;
        if (rest.StartsWith("error\""u8)) return InboundKind.Error;
        return InboundKind.Other;
    }

    public static bool IsAck(ReadOnlySpan<byte> message) => message.IndexOf("\"type\":\"connection_ack\""u8) >= 0;

    private static byte[] Json(object value) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value));
}
