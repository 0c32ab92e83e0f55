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

    /// <summary>Messages waiting, for the queue-depth gauges (read at scrape time, under the queue's lock).</summary>
    public int QueueDepth => _queue.Count;

    /// <summary>Queues a message and starts the pump if it was idle (see <see cref="DeferStarts"/>). Never blocks.</summary>
    protected EnqueueResult Push(ServerMessage message)
    {
        var result = _queue.Enqueue(message, out var wake);
        if (wake && !Deferred(this)) _ = PumpAsync(); // on the caller's thread up to the first write that has to wait: no thread hop
        return result;
    }

    [ThreadStatic] private static List<OutboundPump>? t_deferred;
    [ThreadStatic] private static bool t_deferring;

    /// <summary>
    /// Until <see cref="StartDeferred"/>, pumps woken on this thread are only noted, not started: a router
    /// partition delivers under its lock and starts the writes (socket sends) after releasing it, so the lock
    /// is held for the routing step alone. Queue order is fixed at delivery, so writes keep it. Returns
    /// false when already deferring (the outer caller starts them).
    /// </summary>
    public static bool DeferStarts()
    {
        if (t_deferring) return false;
        t_deferring = true;
        return true;
    }

    /// <summary>Starts the pumps woken since <see cref="DeferStarts"/>, on this thread, in order.</summary>
    public static void StartDeferred()
    {
        t_deferring = false;
        if (t_deferred is not { Count: > 0 } pumps) return;
        t_deferred = null; // a write started here could route again on this thread and note pumps of its own
        foreach (var pump in pumps) _ = pump.PumpAsync();
        pumps.Clear();
        t_deferred ??= pumps; // kept for the next step
    }

    private static bool Deferred(OutboundPump pump)
    {
        if (!t_deferring) return false;
        (t_deferred ??= []).Add(pump);
        return true;
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
