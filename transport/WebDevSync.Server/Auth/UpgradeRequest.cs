using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace WebDevSync.Server.Auth;

/// <summary>
/// What the handshake checks look at, whichever way the request arrived: through Kestrel's HTTP stack
/// (<see cref="From(HttpContext)"/>) or read straight off the socket by the direct WebSocket path.
/// </summary>
/// <param name="Protocols">The <c>Sec-WebSocket-Protocol</c> entries, split and trimmed.</param>
/// <param name="Query">The query string as sent, with its leading '?' (or empty).</param>
internal sealed record UpgradeRequest(
    string Scheme,
    HostString Host,
    StringValues Origin,
    StringValues Authorization,
    IReadOnlyList<string> Protocols,
    string Query,
    IPAddress Remote)
{
    private Dictionary<string, StringValues>? _query;

    /// <summary>The parsed query, for the rare URL-token checks (parsed once, on first use).</summary>
    public IReadOnlyDictionary<string, StringValues> QueryValues => _query ??= QueryHelpers.ParseQuery(Query);

    public static UpgradeRequest From(HttpContext ctx) => new(
        ctx.Request.Scheme,
        ctx.Request.Host,
        ctx.Request.Headers.Origin,
        ctx.Request.Headers.Authorization,
        [.. ctx.WebSockets.WebSocketRequestedProtocols],
        ctx.Request.QueryString.Value ?? "",
        ctx.Connection.RemoteIpAddress ?? IPAddress.None);
}
