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
internal sealed class WebSocketEndpoint(RelayHub hub, HandshakeGate gate, ServerOptions options, TimeProvider time, ILogger<WebSocketEndpoint> log) : IDisposable
{
    private readonly HandshakeDeadlines _deadlines = new(time, options.HandshakeTimeoutMs);

    /// <summary>The subprotocol a browser may ask for; tokens travel as a second entry (see docs/SECURITY.md).</summary>
    public const string SubProtocol = "webdevsync";

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, new Refusal(StatusCodes.Status400BadRequest, "WebSocket connections only"));
            return;
        }
        if (!gate.TryCount(context))
        {
            await RefuseAsync(context, new Refusal(StatusCodes.Status429TooManyRequests, "too many connections from this address"));
            return;
        }
        try
        {
            await (await gate.AdmitAsync(context)).Fold(a => ServeAsync(context, a.Caller?.UserId), r => RefuseAsync(context, r));
        }
        finally
        {
            gate.Uncount(context);
        }
    }

    private static Task RefuseAsync(HttpContext context, Refusal refusal)
    {
        context.Response.StatusCode = refusal.Status;
        return context.Response.WriteAsync(refusal.Reason, context.RequestAborted);
    }

    private async Task ServeAsync(HttpContext context, string? authUser)
    {
        var heartbeat = TimeSpan.FromMilliseconds(options.HeartbeatIntervalMs);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol) ? SubProtocol : null,
            KeepAliveInterval = heartbeat,
            KeepAliveTimeout = heartbeat,
        });
        var link = new WebSocketLink(hub.NextId(), socket, options.OutboundQueueLimit, log);
        hub.Attach(link);
        Log.Opened(log, link.Id.ToString(), context.Connection.RemoteIpAddress?.ToString());
        _deadlines.Watch(link);
        try
        {
            // An aborted connection fails the pending receive; the link's token covers relay-side closes.
            await ReadAsync(socket, link, authUser, link.Abort.Token);
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
            await hub.DisconnectAsync(link.Id);
            link.Finish();
            await link.Finished;
            Log.Closed(log, link.Id.ToString());
        }
    }

    private async Task ReadAsync(WebSocket socket, WebSocketLink link, string? authUser, CancellationToken ct)
    {
        using var frame = new FrameBuffer(options.MaxMessageBytes);
        // Between messages the reader waits with a zero-byte receive and holds no buffer: an idle
        // connection then costs ~4 KiB less (docs/PERFORMANCE.md). It returns once a frame header is
        // in; an empty message comes back whole (EndOfMessage) and is handled like any other.
        var between = true;
        while (true)
        {
            var result = await socket.ReceiveAsync(between ? Memory<byte>.Empty : frame.NextWindow(), ct);
            if (result.MessageType == WebSocketMessageType.Close) return;
            between = false;
            frame.Advance(result.Count);
            if (!result.EndOfMessage) continue;
            await ((frame.Overflowed, result.MessageType) switch
            {
                (true, _) => hub.RejectAsync(link.Id, new DecodeError(ErrorCode.PayloadTooLarge, $"Message larger than {options.MaxMessageBytes} bytes"), ct),
                (_, WebSocketMessageType.Binary) => hub.RejectAsync(link.Id, new DecodeError(ErrorCode.InvalidMessage, "Binary frames are not supported; send JSON text frames"), ct),
                _ => ClientMessageDecoder.Decode(frame.Message, options.MaxMessageBytes)
                    .Fold(m => hub.SubmitAsync(link.Id, m, authUser, ct), e => hub.RejectAsync(link.Id, e, ct)),
            });
            frame.Reset();
            between = true;
        }
    }

    public void Dispose() => _deadlines.Dispose();
}
