using System.Text.Encodings.Web;
using System.Text.Json;

namespace WebDevSync.TestKit.Json;

/// <summary>
/// Client messages in the seed's wire format, written as an independent client would write them. The
/// <c>…As</c> forms carry the sender's connectionId and userId, as the seed's clients do; the others leave
/// them to the relay, which knows the connection.
/// </summary>
public static class Msg
{
    private static readonly JsonSerializerOptions Escaped = new();
    private static readonly JsonSerializerOptions RawUtf8 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string Ping = """{"type":"ping"}""";

    /// <summary>Serialises an anonymous object; <paramref name="rawUtf8"/> keeps non-ASCII unescaped.</summary>
    public static string Of(object message, bool rawUtf8 = false) => JsonSerializer.Serialize(message, rawUtf8 ? RawUtf8 : Escaped);

    /// <summary>A tab's connect, with resume cursors (session and newest seq seen) when it has any.</summary>
    public static string BrowserConnect(string connectionId, string userId, IEnumerable<(string SessionId, long Seq)>? cursors = null) =>
        cursors is null
            ? Of(new { type = "browser_connect", connectionId, userId })
            : Of(new { type = "browser_connect", connectionId, userId, payload = new { sessions = cursors.Select(c => new { sessionId = c.SessionId, seq = c.Seq }).ToArray() } });

    public static string BrowserResume(string connectionId, string userId, string sessionId, long seq) =>
        BrowserConnect(connectionId, userId, [(sessionId, seq)]);

    /// <summary>An agent's connect, re-announcing <paramref name="sessions"/> when given.</summary>
    public static string DesktopConnect(string connectionId, string userId, IEnumerable<Announced>? sessions = null) =>
        sessions is null
            ? Of(new { type = "desktop_connect", connectionId, userId })
            : Of(new { type = "desktop_connect", connectionId, userId, payload = new { sessions = sessions.ToArray() } });

    /// <summary>An agent's reconnect re-announcing one session with the newest seq it has of it.</summary>
    public static string DesktopResume(string connectionId, string userId, string sessionId, string textareaId, string browserConnectionId, long seq) =>
        Of(new { type = "desktop_connect", connectionId, userId, payload = new { sessions = new[] { new { sessionId, textareaId, fileType = "js", browserConnectionId, seq } } } });

    public static string EditRequest(string sessionId, string textareaId, string code, string fileType = "js") =>
        Of(new { type = "edit_request", sessionId, payload = new { textareaId, code, fileType } });

    public static string EditRequestAs(string connectionId, string userId, string sessionId, string textareaId, string code, string fileType = "js", bool rawUtf8 = false) =>
        Of(new { type = "edit_request", connectionId, userId, sessionId, payload = new { textareaId, code, fileType } }, rawUtf8);

    public static string CodeUpdate(string sessionId, string textareaId, string code) =>
        Of(new { type = "code_update", sessionId, payload = new { textareaId, code } });

    public static string CodeUpdateAs(string connectionId, string userId, string sessionId, string textareaId, string code, bool rawUtf8 = false) =>
        Of(new { type = "code_update", connectionId, userId, sessionId, payload = new { textareaId, code } }, rawUtf8);

    /// <summary>A live change (a tab's page change, or an agent's typing) with the seq it started from.</summary>
    public static string Change(string connectionId, string userId, string sessionId, string textareaId, string code, long baseSeq) =>
        Of(new { type = "code_update", connectionId, userId, sessionId, payload = new { textareaId, code, baseSeq } });

    public static string SessionClosed(string sessionId, string reason) =>
        Of(new { type = "session_closed", sessionId, payload = new { reason } });
}

/// <summary>A session an agent re-announces in <c>desktop_connect</c> (wire field names).</summary>
public sealed record Announced(string sessionId, string textareaId, string fileType, string browserConnectionId);
