using WebDevSync.Core.Protocol;

namespace WebDevSync.Server.Relay;

public enum EnqueueResult { Queued, Coalesced, Overflow, Closed }

/// <summary>What the writer found: a message, nothing yet (it is now idle), or the end of the stream.</summary>
public enum DequeueResult { Message, Idle, Ended }

/// <summary>
/// A connection's bounded queue of outgoing messages, drained by its one writer. Which message replaces a
/// waiting one and which waits behind it is the core's rule (<see cref="Outbound"/>); the queue applies it
/// under its lock.
/// No task waits on an idle queue: the call that puts the first message into an idle queue is told to
/// wake the writer (<c>wake</c>), and the writer goes idle again when it finds the queue empty
/// (<see cref="OutboundPump"/>).
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
    private bool _writerIdle = true;
    private bool _completed;

    public int Count { get { lock (_gate) return _queue.Count; } }

    public EnqueueResult Enqueue(ServerMessage message) => Enqueue(message, out _);

    /// <summary>Queues a message; <paramref name="wake"/> says the caller must start the idle writer.</summary>
    public EnqueueResult Enqueue(ServerMessage message, out bool wake)
    {
        wake = false;
        lock (_gate)
        {
            if (_completed) return EnqueueResult.Closed;
            // The core's ordering rule decides; the queue only keeps the slots (Outbound.Of).
            var queueing = Outbound.Of(message);
            if (queueing is Queueing.Sealing sealing) _waitingUpdates.Remove(sealing.SessionId);
            var update = queueing as Queueing.Replacing;
            if (update is not null && _waitingUpdates.TryGetValue(update.SessionId, out var waiting))
            {
                waiting.Message = message;
                return EnqueueResult.Coalesced;
            }
            if (_queue.Count >= limit) return EnqueueResult.Overflow;
            var slot = new Slot(message);
            _queue.Enqueue(slot);
            if (update is not null) _waitingUpdates[update.SessionId] = slot;
            wake = Wake();
            return EnqueueResult.Queued;
        }
    }

    public bool TryDequeue(out ServerMessage message) => Next(out message) == DequeueResult.Message;

    /// <summary>
    /// The next message. When there is none the writer counts as idle until the next wake, unless the
    /// queue is completed: then it is the end, seen by exactly one writer.
    /// </summary>
    public DequeueResult Next(out ServerMessage message)
    {
        lock (_gate)
        {
            message = null!;
            if (_queue.TryDequeue(out var slot))
            {
                if (slot.Message is ServerMessage.CodeUpdate u && _waitingUpdates.GetValueOrDefault(u.SessionId) == slot)
                    _waitingUpdates.Remove(u.SessionId);
                message = slot.Message;
                return DequeueResult.Message;
            }
            if (_completed) return DequeueResult.Ended;
            _writerIdle = true;
            return DequeueResult.Idle;
        }
    }

    public bool IsCompleted { get { lock (_gate) return _completed; } }

    /// <summary>
    /// No more messages; pending ones are dropped when <paramref name="discard"/> is set. Returns true
    /// when the caller must wake the idle writer so it can finish.
    /// </summary>
    public bool Complete(bool discard)
    {
        lock (_gate)
        {
            if (discard) { _queue.Clear(); _waitingUpdates.Clear(); }
            if (_completed) return false;
            _completed = true;
            return Wake();
        }
    }

    private bool Wake()
    {
        if (!_writerIdle) return false;
        _writerIdle = false;
        return true;
    }
}
