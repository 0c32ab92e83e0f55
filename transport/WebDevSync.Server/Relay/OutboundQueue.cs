using WebDevSync.Core.Protocol;

namespace WebDevSync.Server.Relay;

public enum EnqueueResult { Queued, Coalesced, Overflow, Closed }

/// <summary>
/// A connection's bounded queue of outgoing messages, drained by its one writer. A code update whose
/// session already has one waiting replaces it in place: each update carries the whole content, so
/// the newest is all the client needs and the bound costs no data.
/// </summary>
internal sealed class OutboundQueue(int limit)
{
    private sealed class Slot(ServerMessage message)
    {
        public ServerMessage Message = message;
    }

    private readonly Lock _gate = new();
    private readonly Queue<Slot> _queue = new();
    private readonly Dictionary<string, Slot> _waitingUpdates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private bool _signalled;
    private bool _completed;

    public int Count { get { lock (_gate) return _queue.Count; } }

    public EnqueueResult Enqueue(ServerMessage message)
    {
        lock (_gate)
        {
            if (_completed) return EnqueueResult.Closed;
            if (message is ServerMessage.SessionClosed closed) _waitingUpdates.Remove(closed.SessionId); // a later update must not jump ahead of the close
            var update = message as ServerMessage.CodeUpdate;
            if (update is not null && _waitingUpdates.TryGetValue(update.SessionId, out var waiting))
            {
                waiting.Message = message;
                return EnqueueResult.Coalesced;
            }
            if (_queue.Count >= limit) return EnqueueResult.Overflow;
            var slot = new Slot(message);
            _queue.Enqueue(slot);
            if (update is not null) _waitingUpdates[update.SessionId] = slot;
            Signal();
            return EnqueueResult.Queued;
        }
    }

    public bool TryDequeue(out ServerMessage message)
    {
        lock (_gate)
        {
            _signalled = false;
            if (!_queue.TryDequeue(out var slot))
            {
                message = null!;
                return false;
            }
            if (slot.Message is ServerMessage.CodeUpdate u && _waitingUpdates.GetValueOrDefault(u.SessionId) == slot)
                _waitingUpdates.Remove(u.SessionId);
            message = slot.Message;
            return true;
        }
    }

    public bool IsCompleted { get { lock (_gate) return _completed; } }

    /// <summary>Waits until something was queued (or the queue completed) since the last drain.</summary>
    public Task WaitAsync(CancellationToken ct) => _signal.WaitAsync(ct);

    /// <summary>No more messages; pending ones are dropped when <paramref name="discard"/> is set.</summary>
    public void Complete(bool discard)
    {
        lock (_gate)
        {
            _completed = true;
            if (discard) { _queue.Clear(); _waitingUpdates.Clear(); }
            Signal();
        }
    }

    private void Signal()
    {
        if (_signalled) return;
        _signalled = true;
        _signal.Release();
    }
}
