using System.Net;

namespace WebDevSync.Agent.State;

/// <summary>
/// The relay a URL names, however it is written: "one agent per user and relay" must not depend on
/// the spelling. Scheme and host are compared without case, every loopback name (<c>localhost</c>,
/// <c>127.0.0.1</c> and the rest of 127/8, <c>[::1]</c>) is the one machine, a default port is the same
/// as none, and a trailing slash, a query or a fragment change nothing. Other host names are not
/// resolved (their addresses change, and start-up must not wait on DNS). The canonical form of an
/// already-canonical URL (e.g. the default <c>ws://localhost:8071/web-dev-sync/ws</c>) is that URL, so
/// keys taken from it are those earlier agents used.
/// </summary>
public static class RelayIdentity
{
    public static string Of(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) || u.Host.Length == 0) return url;
        var host = IsLoopback(u.Host) ? "localhost" : u.IdnHost.TrimEnd('.').ToLowerInvariant();
        var port = u.IsDefaultPort || u.Port < 0 ? "" : $":{u.Port}";
        var path = u.AbsolutePath.TrimEnd('/');
        return $"{u.Scheme.ToLowerInvariant()}://{host}{port}{path}";
    }

    public static bool Same(string a, string b) => Of(a) == Of(b);

    private static bool IsLoopback(string host)
    {
        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
