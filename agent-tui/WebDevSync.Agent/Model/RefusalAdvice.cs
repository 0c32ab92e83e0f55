namespace WebDevSync.Agent.Model;

/// <summary>
/// What a refusal means for the user: its reason with the likely fix, and whether trying again can
/// help. A refused token, a wrong path or the wrong port stays wrong however often the agent retries,
/// so those stop it (exit code <see cref="ExitCode"/> when headless); a relay that is busy (429) or
/// failing (5xx, e.g. a proxy whose relay is restarting) is retried.
/// </summary>
public static class RefusalAdvice
{
    /// <summary>The exit code of a headless agent that stopped because retrying cannot help.</summary>
    public const int ExitCode = 3;

    public const string RelayPath = "/web-dev-sync/ws";

    public static bool Final(RelayRefusal r) => r.Status is not (429 or >= 500);

    /// <summary>One line: what the relay said, then what to do.</summary>
    public static string Explain(RelayRefusal r, string url, string user)
    {
        var said = r.Status > 0 ? $"{LogText.Text(r.Reason)} (HTTP {r.Status})" : LogText.Text(r.Reason);
        return $"{said}; {Fix(r, url, user)}";
    }

    private static string Fix(RelayRefusal r, string url, string user) => r switch
    {
        { Status: 401, Reason: "missing token" } => $"this relay needs a token: pass --token (mint one on the relay's machine with scripts/run token --user {user})",
        { Status: 401, Reason: "token expired" } => $"mint a new token (scripts/run token --user {user}) and pass it with --token",
        { Status: 401 } => $"the relay does not accept this token (minted with another secret?): mint one with the relay's secret (scripts/run token --user {user})",
        { Status: 403, Reason: var why } when why.StartsWith("userId does not match", StringComparison.Ordinal) =>
            $"the token is for another user than --user {user}: mint one for {user} (scripts/run token --user {user})",
        { Status: 403, Reason: var why } when why.StartsWith("host not allowed", StringComparison.Ordinal) =>
            "connect by localhost or 127.0.0.1, or add this host name to the relay's allowedHosts",
        { Status: 403 } => "the relay does not let this agent in",
        { Status: 404 } => $"nothing answers at this path: the relay's WebSocket is at {RelayPath} ({Suggested(url)})",
        { Status: 0 } => OtherProtocol(url),
        // Kestrel's HTTP/2-only port answers an HTTP/1.1 upgrade with a bare 400; the relay's own refusals name their reason.
        { Status: 400, Reason: "bad request" } => OtherProtocol(url),
        { Status: 429 } => "too many connections from this address; retrying",
        { Status: >= 500 } => "the relay (or a proxy before it) failed; retrying",
        _ => $"this URL is not the relay's WebSocket ({Suggested(url)})",
    };

    /// <summary>An answer that was not HTTP/1.1: most likely the relay's HTTP/2-only gRPC port (or, for grpc://, the HTTP port).</summary>
    private static string OtherProtocol(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u)) return "check the URL";
        return u.Scheme is "grpc" or "grpcs"
            ? $"is this the relay's HTTP port? grpc:// goes to its gRPC port (8072 by default), or use ws://{u.Authority}{RelayPath}"
            : $"is this the relay's gRPC port? Use grpc://{u.Authority}, or its HTTP port for WebSocket (8071 by default: {u.Scheme}://{u.Host}:8071{RelayPath})";
    }

    /// <summary>The URL with the relay's WebSocket path, as a hint; the URL as given when it cannot be read.</summary>
    private static string Suggested(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u)
            ? $"e.g. {u.Scheme}://{u.Authority}{RelayPath}"
            : $"e.g. ws://localhost:8071{RelayPath}";
}
