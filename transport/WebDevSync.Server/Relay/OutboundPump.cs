using WebDevSync.Core.Protocol;

namespace WebDevSync.Server.Relay;

/// <summary>
/// The writing half of a link: writes its <see cref="OutboundQueue"/> one message at a time, starting on
/// the thread that queued into an idle queue (no thread hop, as in the reference's event loop) and
/// continuing on the thread pool once a write has to wait. It holds no task, timer or wait while the
/// connection is idle (idle memory is part of the benchmark, docs/PERFORMANCE.md). Transports say how
/// one message is written and how the stream ends.
/// </summary>
internal abstract class OutboundPump(int queueLimit) : IThreadPoolWorkItem
{
    private readonly OutboundQueue _queue = new(queueLimit);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the queue was completed and the pump has written its last message.</summary>
    public Task Finished => _finished.Task;

    protected int Pending => _queue.Count;

    /// <summary>Queues a message and starts the pump if it was idle. Never blocks.</summary>
    protected EnqueueResult Push(ServerMessage message)
    {
        var result = _queue.Enqueue(message, out var wake);
        if (wake) _ = PumpAsync(); // on the caller's thread up to the first write that has to wait: no thread hop
        return result;
    }

    /// <summary>Ends the stream after what is queued, or at once when <paramref name="discard"/> is set.</summary>
    protected void Complete(bool discard)
    {
        if (_queue.Complete(discard)) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Writes one message; false when the stream cannot take more.</summary>
    protected abstract ValueTask<bool> WriteAsync(ServerMessage message);

    /// <summary>After the last message of a completed queue, e.g. the WebSocket close frame.</summary>
    protected virtual ValueTask EndAsync() => ValueTask.CompletedTask;

    void IThreadPoolWorkItem.Execute() => _ = PumpAsync();

    private async Task PumpAsync()
    {
        try
        {
            DequeueResult next;
            while ((next = _queue.Next(out var message)) == DequeueResult.Message)
            {
                if (await WriteAsync(message).ConfigureAwait(false)) continue;
                Stop();
                return;
            }
            if (next == DequeueResult.Idle) return; // the next Push wakes the pump again
            await EndAsync().ConfigureAwait(false);
            _finished.TrySetResult();
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            Stop(); // the peer is gone; the reader notices and routes the disconnect
        }
        catch (Exception e)
        {
            Stop();
            _finished.TrySetException(e);
        }
    }

    /// <summary>The stream broke: refuse further messages and count the pump as finished.</summary>
    private void Stop()
    {
        _queue.Complete(discard: true);
        _finished.TrySetResult();
    }
}
