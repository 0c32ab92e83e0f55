using System.Text.Encodings.Web;
using System.Text.Json;

namespace WebDevSync.Server.Tests.Infrastructure;

/// <summary>Client messages in the seed's wire format, written the way an independent client would.</summary>
public static class Msg
{
    private static readonly JsonSerializerOptions Escaped = new();
    private static readonly JsonSerializerOptions RawUtf8 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serialises an anonymous object; <paramref name="rawUtf8"/> keeps non-ASCII unescaped.</summary>
    public static string Of(object message, bool rawUtf8 = false) => JsonSerializer.Serialize(message, rawUtf8 ? RawUtf8 : Escaped);

    public static string BrowserConnect(string connectionId, string userId) =>
        Of(new { type = "browser_connect", connectionId, userId });

    public static string BrowserResume(string connectionId, string userId, string sessionId, long seq) =>
        Of(new { type = "browser_connect", connectionId, userId, payload = new { sessions = new[] { new { sessionId, seq } } } });

    public static string DesktopConnect(string connectionId, string userId) =>
        Of(new { type = "desktop_connect", connectionId, userId });

    public static string EditRequest(string connectionId, string userId, string sessionId, string textareaId, string code, string fileType = "js", bool rawUtf8 = false) =>
        Of(new { type = "edit_request", connectionId, userId, sessionId, payload = new { textareaId, code, fileType } }, rawUtf8);

    public static string CodeUpdate(string connectionId, string userId, string sessionId, string textareaId, string code, bool rawUtf8 = false) =>
        Of(new { type = "code_update", connectionId, userId, sessionId, payload = new { textareaId, code } }, rawUtf8);

    /// <summary>A live change (a tab's page change, or an agent's typing) with the seq it started from.</summary>
    public static string Change(string connectionId, string userId, string sessionId, string textareaId, string code, long baseSeq) =>
        Of(new { type = "code_update", connectionId, userId, sessionId, payload = new { textareaId, code, baseSeq } });

    /// <summary>An agent's reconnect re-announcing one session with the newest seq it has of it.</summary>
    public static string DesktopResume(string connectionId, string userId, string sessionId, string textareaId, string browserConnectionId, long seq) =>
        Of(new { type = "desktop_connect", connectionId, userId, payload = new { sessions = new[] { new { sessionId, textareaId, fileType = "js", browserConnectionId, seq } } } });

    public static long Seq(this JsonElement e) => e.Payload().GetProperty("seq").GetInt64();

    public static string SessionClosed(string sessionId, string reason) =>
        Of(new { type = "session_closed", sessionId, payload = new { reason } });

    public static string Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new Xunit.Sdk.XunitException($"no string '{name}' in {e}");

    public static JsonElement Payload(this JsonElement e) => e.GetProperty("payload");

    public static string ErrorCode(this JsonElement e) => e.Payload().Str("code");

    public static string ErrorMessage(this JsonElement e) => e.Payload().Str("message");
}
