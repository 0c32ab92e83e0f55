using WebDevSync.Core.Protocol;

namespace WebDevSync.Json;

/// <summary>The <c>type</c> strings of the seed's protocol ("Message Types").</summary>
public static class WireNames
{
    public const string BrowserConnect = "browser_connect";
    public const string DesktopConnect = "desktop_connect";
    public const string EditRequest = "edit_request";
    public const string CodeUpdate = "code_update";
    public const string SessionClosed = "session_closed";
    public const string Ping = "ping";
    public const string BrowserLeaving = "browser_leaving";
    public const string Pong = "pong";
    public const string ConnectionAck = "connection_ack";
    public const string DesktopStatus = "desktop_status";
    public const string Error = "error";
    public const string CodeAck = "code_ack";
    public const string CodeOvertaken = "code_overtaken";
    public const string CodeMerged = "code_merged";
    public const string CodeRefresh = "code_refresh";

    /// <summary>The connect payload's flag by which a client says it understands <see cref="CodeMerged"/>.</summary>
    public const string AcceptsCodeMerged = "acceptsCodeMerged";

    /// <summary>The connect payload's flag by which a client says it takes the other side's changes as edits (issue 28).</summary>
    public const string AcceptsEdits = "acceptsEdits";

    public static string Of(Role role) => role == Role.Browser ? "browser" : "desktop";
}
