using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.WebSockets;

/// <summary>
/// A WebSocket as a relay link. Its one writer drains the outbound queue; closing goes through the
/// same writer, because a WebSocket allows one send at a time and a close is a send.
/// </summary>
internal sealed class WebSocketLink(ConnId id, WebSocket socket, int queueLimit, ILogger log) : IClientLink
{
    private readonly OutboundQueue _queue = new(queueLimit);
    private LinkClose? _close;

    public ConnId Id { get; } = id;

    /// <summary>Set once the router acknowledged a connect message; the handshake timer checks it.</summary>
    public bool Acknowledged { get; private set; }

    /// <summary>Cancelled when the writer gave up on the socket, so the reader stops too.</summary>
    public CancellationTokenSource Abort { get; } = new();

    public void Deliver(ServerMessage message)
    {
        if (message is ServerMessage.ConnectionAck) Acknowledged = true;
        if (_queue.Enqueue(message) == EnqueueResult.Overflow)
        {
            Log.SlowReader(log, Id.ToString());
            Close(LinkClose.SlowReader);
        }
    }

    public void Close(LinkClose reason)
    {
        if (Interlocked.CompareExchange(ref _close, reason, null) is not null) return;
        _queue.Complete(discard: true);
    }

    /// <summary>Writes queued messages until the link closes, then sends the close frame.</summary>
    public async Task RunWriterAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        try
        {
            while (true)
            {
                while (_queue.TryDequeue(out var message))
                {
                    buffer.ResetWrittenCount();
                    ServerMessageEncoder.Encode(message, buffer);
                    await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, Abort.Token).ConfigureAwait(false);
                    if (buffer.Capacity > 256 * 1024) buffer = new ArrayBufferWriter<byte>(512);
                }
                if (_queue.IsCompleted) break;
                await _queue.WaitAsync(Abort.Token).ConfigureAwait(false);
            }
            if (_close is { } c && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync((WebSocketCloseStatus)c.Status, c.Text, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone; the reader notices and routes the disconnect.
        }
        finally
        {
            // A peer that never answers our close frame is cut off after a short wait.
            if (_close is not null) Abort.CancelAfter(TimeSpan.FromSeconds(3));
        }
    }

    /// <summary>The reader ended: stop the writer.</summary>
    public void Finish()
    {
        Interlocked.CompareExchange(ref _close, LinkClose.Normal, null);
        _queue.Complete(discard: true);
    }
}
