namespace WebDevSync.Agent.GhostText;

/// <summary>
/// Who may talk to the bridge. It listens on loopback only, and still: a web page can make the
/// browser send requests to localhost, and a DNS-rebinding page can even do so under its own host
/// name (GhostText#117, #306; fregante/GhostText-for-VSCode#13 added an origin check). So the Host
/// must name loopback and this port, and an Origin, when present, must be a browser extension's.
/// </summary>
public static class RequestGuard
{
    private static readonly string[] ExtensionSchemes = ["chrome-extension", "moz-extension", "safari-web-extension", "ms-browser-extension"];

    /// <summary>Why the request is refused (403), or null when it may go on.</summary>
    public static string? Problem(string? host, string? origin, int port)
    {
        if (!LoopbackHost(host, port)) return "the Host header must be localhost, 127.0.0.1 or [::1] with this port";
        if (origin is null) return null;
        var colon = origin.IndexOf("://", StringComparison.Ordinal);
        var scheme = colon > 0 ? origin[..colon] : "";
        return ExtensionSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase) ? null : $"origin '{origin}' is not a browser extension";
    }

    private static bool LoopbackHost(string? host, int port)
    {
        if (string.IsNullOrEmpty(host)) return false;
        // PROTOCOL.md writes "Host: http://localhost:4001"; accept the scheme some clients put there.
        if (host.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) host = host[7..];
        return host is var h && (h == $"localhost:{port}" || h == $"127.0.0.1:{port}" || h == $"[::1]:{port}");
    }
}
