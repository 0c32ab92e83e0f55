using System.Text.Json;

namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>Client messages in the wire format, written as an independent client would write them.</summary>
public static class Msg
{
    public static string Of(object message) => JsonSerializer.Serialize(message);

    public static string BrowserConnect(string connectionId, string userId, IEnumerable<(string SessionId, long Seq)>? cursors = null) =>
        cursors is null
            ? Of(new { type = "browser_connect", connectionId, userId })
            : Of(new { type = "browser_connect", connectionId, userId, payload = new { sessions = cursors.Select(c => new { sessionId = c.SessionId, seq = c.Seq }).ToArray() } });

    public static string DesktopConnect(string connectionId, string userId, IEnumerable<Announced>? sessions = null) =>
        sessions is null
            ? Of(new { type = "desktop_connect", connectionId, userId })
            : Of(new { type = "desktop_connect", connectionId, userId, payload = new { sessions = sessions.ToArray() } });

    public static string EditRequest(string sessionId, string textareaId, string code, string fileType = "js") =>
        Of(new { type = "edit_request", sessionId, payload = new { textareaId, code, fileType } });

    public static string EditRequestAs(string connectionId, string userId, string sessionId, string textareaId, string code) =>
        Of(new { type = "edit_request", connectionId, userId, sessionId, payload = new { textareaId, code, fileType = "js" } });

    public static string CodeUpdate(string sessionId, string textareaId, string code) =>
        Of(new { type = "code_update", sessionId, payload = new { textareaId, code } });

    public static string SessionClosed(string sessionId, string reason) =>
        Of(new { type = "session_closed", sessionId, payload = new { reason } });

    public const string Ping = """{"type":"ping"}""";

    public static string Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new Xunit.Sdk.XunitException($"no string '{name}' in {e}");

    public static JsonElement Payload(this JsonElement e) => e.GetProperty("payload");

    public static string ErrorCode(this JsonElement e) => e.Payload().Str("code");

    public static string Code(this JsonElement update) => update.Payload().Str("code");

    public static long Seq(this JsonElement update) => update.Payload().GetProperty("seq").GetInt64();
}

/// <summary>A session an agent re-announces in <c>desktop_connect</c> (wire field names).</summary>
public sealed record Announced(string sessionId, string textareaId, string fileType, string browserConnectionId);
