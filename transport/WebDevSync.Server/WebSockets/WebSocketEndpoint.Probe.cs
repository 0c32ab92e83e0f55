using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using WebDevSync.Server.Auth;

namespace WebDevSync.Server.WebSockets;

/// <summary>
/// Why a refused handshake was refused, for the clients that cannot read the refusal itself. A browser
/// sees a refused WebSocket only as close code 1006, so the library asks again: a <c>POST</c> to the
/// WebSocket URL with the token (if any) as a <c>text/plain</c> body, a request any page may make
/// without a preflight. The relay runs the same checks (origin, host, token) and answers as it
/// would have answered the upgrade: 200 <c>ok</c>, or the refusal's status and reason, readable by any
/// origin. It answers nothing the upgrade would not, and is not logged a second time.
/// </summary>
internal sealed partial class WebSocketEndpoint
{
    /// <summary>The header that repeats a refusal's reason, for clients that read headers but not bodies.</summary>
    public const string ReasonHeader = "X-WebDevSync-Reason";

    /// <summary>A token is a few hundred bytes; a probe body beyond this is refused unread.</summary>
    private const int MaxProbeBytes = 16 * 1024;

    private static readonly Refusal ProbeTooLarge = new(StatusCodes.Status413PayloadTooLarge, "probe body too large: send only the token");

    private async Task ProbeAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!context.Response.Headers.ContainsKey(HeaderNames.AccessControlAllowOrigin))
            context.Response.Headers.AccessControlAllowOrigin = "*";
        if (context.Request.ContentLength is > MaxProbeBytes)
        {
            await RefuseAsync(context, ProbeTooLarge);
            return;
        }
        var token = await ReadTokenAsync(context);
        if (token is null)
        {
            await RefuseAsync(context, ProbeTooLarge);
            return;
        }
        var request = UpgradeRequest.From(context) with { Protocols = token.Length == 0 ? [] : [HandshakeGate.BearerProtocolPrefix + token] };
        var verdict = await gate.CheckAsync(request);
        await verdict.Match(
            Right: _ => context.Response.WriteAsync("ok", context.RequestAborted),
            Left: r => RefuseAsync(context, r));
    }

    /// <summary>The body, trimmed; null when longer than <see cref="MaxProbeBytes"/>.</summary>
    private static async Task<string?> ReadTokenAsync(HttpContext context)
    {
        var buffer = new byte[MaxProbeBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await context.Request.Body.ReadAsync(buffer.AsMemory(read), context.RequestAborted);
            if (n == 0) break;
            read += n;
        }
        return read > MaxProbeBytes ? null : Encoding.UTF8.GetString(buffer, 0, read).Trim();
    }

    /// <summary>A reason as a header value: printable ASCII only (the relay's reasons are; this keeps it so).</summary>
    public static string HeaderSafe(string reason) =>
        string.Concat(reason.Select(c => c is >= ' ' and <= '~' ? c : '?'));
}
