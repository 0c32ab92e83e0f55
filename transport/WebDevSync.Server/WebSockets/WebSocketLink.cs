using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.WebSockets;

/// <summary>
/// A WebSocket as a relay link. Its pump writes queued messages one at a time; closing goes through the
/// pump too, because a WebSocket allows one send at a time and a close is a send.
/// </summary>
internal sealed class WebSocketLink(ConnId id, WebSocket socket, int queueLimit, ILogger log) : OutboundPump(queueLimit), IClientLink
{
    private LinkClose? _close;

    public ConnId Id { get; } = id;

    public void Deliver(ServerMessage message)
    {
        if (Push(message) != EnqueueResult.Overflow) return;
        Log.SlowReader(log, Id.ToString());
        Close(LinkClose.SlowReader);
    }

    public void Close(LinkClose reason)
    {
        if (Interlocked.CompareExchange(ref _close, reason, null) is not null) return;
        Complete(discard: true);
        // A pump stuck writing to a reader that stopped reading would never get to the close frame.
        AbortAfter(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Cuts the socket off after <paramref name="delay"/>, failing a send or receive still pending, so a
    /// peer that stopped reading cannot hold the pump or the reader. Sends and receives themselves take no
    /// token: a cancellable one sends ManagedWebSocket down its slow path (an async frame and a token
    /// registration per message; docs/PERFORMANCE.md, "One thread per message").
    /// </summary>
    private void AbortAfter(TimeSpan delay) =>
        _ = Task.Delay(delay).ContinueWith(static (_, s) => ((WebSocket)s!).Abort(), socket, TaskScheduler.Default);

    /// <summary>The reader ended: stop the pump.</summary>
    public void Finish()
    {
        Interlocked.CompareExchange(ref _close, LinkClose.Normal, null);
        Complete(discard: true);
    }

    protected override async ValueTask<bool> WriteAsync(ServerMessage message)
    {
        var buffer = EncodeBuffers.Rent();
        try
        {
            ServerMessageEncoder.Encode(message, buffer);
            await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        finally
        {
            EncodeBuffers.Return(buffer);
        }
    }

    /// <summary>Sends the close frame; a peer that never answers it is cut off after a short wait.</summary>
    protected override async ValueTask EndAsync()
    {
        try
        {
            if (_close is { } c && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseCodes.Of(c.Kind), c.Text, timeout.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            AbortAfter(TimeSpan.FromSeconds(3));
        }
    }
}
