using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Protocol;
using WebDevSync.Json;
using WebDevSync.Server.Auth;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.WebSockets;

/// <summary>
/// The JSON WebSocket adapter: accepts a socket, decodes each text frame into a router input, and
/// lets its link write what the router sends back. One error boundary per connection.
/// </summary>
internal sealed partial class WebSocketEndpoint(RelayHub hub, HandshakeGate gate, ServerOptions options, ILogger<WebSocketEndpoint> log)
{
    /// <summary>The subprotocol a browser may ask for; tokens travel as a second entry (see docs/SECURITY.md).</summary>
    public const string SubProtocol = "webdevsync";

    public static readonly Refusal NotWebSocket = new(StatusCodes.Status400BadRequest, "WebSocket connections only");
    public static readonly Refusal HeadTooLarge = new(StatusCodes.Status431RequestHeaderFieldsTooLarge, "request head too large");
    private static readonly Refusal TooMany = new(StatusCodes.Status429TooManyRequests, "too many connections from this address");

    /// <summary>An upgrade that came through Kestrel's HTTP stack (TLS, or a keep-alive connection that upgrades later).</summary>
    public Task HandleAsync(HttpContext context) => context.WebSockets.IsWebSocketRequest
        ? AdmitAsync(UpgradeRequest.From(context), r => RefuseAsync(context, r), user => AcceptAsync(context, user))
        : HttpMethods.IsPost(context.Request.Method) ? ProbeAsync(context) : RefuseAsync(context, NotWebSocket);

    /// <summary>Counts the address, checks the handshake, then serves or refuses.</summary>
    private async Task AdmitAsync(UpgradeRequest request, Func<Refusal, Task> refuse, Func<string?, Task> serve)
    {
        if (!gate.TryCount(request.Remote))
        {
            gate.Refused(request, TooMany);
            await refuse(TooMany);
            return;
        }
        try
        {
            await (await gate.AdmitAsync(request)).Fold(a => serve(a.Caller?.UserId), refuse);
        }
        finally
        {
            gate.Uncount(request.Remote);
        }
    }

    private static Task RefuseAsync(HttpContext context, Refusal refusal)
    {
        context.Response.StatusCode = refusal.Status;
        context.Response.Headers[ReasonHeader] = HeaderSafe(refusal.Reason);
        return context.Response.WriteAsync(refusal.Reason, context.RequestAborted);
    }

    private async Task AcceptAsync(HttpContext context, string? authUser)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = ChosenProtocol(context.WebSockets.WebSocketRequestedProtocols),
            KeepAliveInterval = Heartbeat,
            KeepAliveTimeout = Heartbeat,
        });
        await ServeAsync(socket, authUser, context.Connection.RemoteIpAddress);
    }

    private TimeSpan Heartbeat => TimeSpan.FromMilliseconds(options.HeartbeatIntervalMs);

    private static string? ChosenProtocol(IEnumerable<string> requested) => requested.Contains(SubProtocol) ? SubProtocol : null;

    /// <summary>An accepted WebSocket, whichever path it came by, until it closes.</summary>
    private async Task ServeAsync(WebSocket socket, string? authUser, IPAddress? remote)
    {
        var link = new WebSocketLink(hub.NextId(), socket, options.OutboundQueueLimit, log);
        hub.Attach(link);
        Log.Opened(log, link.Id.ToString(), remote?.ToString());
        try
        {
            // An aborted connection fails the pending receive, and so does a relay-side close that the
            // peer does not answer (WebSocketLink.AbortAfter).
            await ReadAsync(socket, link, authUser);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or was cut off; routed as a disconnect below.
        }
        catch (Exception e)
        {
            Log.ConnectionFailed(log, link.Id.ToString(), e.GetType().Name);
        }
        finally
        {
            hub.Disconnect(link.Id);
            link.Finish();
            await link.Finished;
            Log.Closed(log, link.Id.ToString());
        }
    }

    private async Task ReadAsync(WebSocket socket, WebSocketLink link, string? authUser)
    {
        using var frame = new FrameBuffer(options.MaxMessageBytes);
        // Between messages the reader waits with a zero-byte receive and holds no buffer: an idle
        // connection then costs ~4 KiB less (docs/PERFORMANCE.md). It returns once a frame header is
        // in; an empty message comes back whole (EndOfMessage) and is handled like any other.
        var between = true;
        while (true)
        {
            var result = await socket.ReceiveAsync(between ? Memory<byte>.Empty : frame.NextWindow(), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close) return;
            between = false;
            frame.Advance(result.Count);
            if (!result.EndOfMessage) continue;
            if (frame.Overflowed) hub.Reject(link.Id, new DecodeError(ErrorCode.PayloadTooLarge, $"Message larger than {options.MaxMessageBytes} bytes"));
            else if (result.MessageType == WebSocketMessageType.Binary) hub.Reject(link.Id, new DecodeError(ErrorCode.InvalidMessage, "Binary frames are not supported; send JSON text frames"));
            else hub.Submit(link.Id, ClientMessageDecoder.Decode(frame.Message, options.MaxMessageBytes), authUser);
            frame.Reset();
            between = true;
        }
    }
}
