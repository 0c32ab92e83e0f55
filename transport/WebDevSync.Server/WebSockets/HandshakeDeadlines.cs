namespace WebDevSync.Server.WebSockets;

/// <summary>
/// Closes sockets that never sent a connect message in time. One timer for all connections instead of
/// one delay per socket: the timeout is the same for everyone, so deadlines arrive in order and a queue
/// is enough. An acknowledged link just waits in the queue until its deadline passes.
/// </summary>
internal sealed class HandshakeDeadlines : IDisposable
{
    private readonly Queue<(WebSocketLink Link, long Deadline)> _pending = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _timeoutMs;
    private readonly ITimer _timer;

    public HandshakeDeadlines(TimeProvider time, long timeoutMs)
    {
        (_time, _timeoutMs) = (time, timeoutMs);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(timeoutMs / 4, 10, 250));
        _timer = time.CreateTimer(_ => Sweep(), null, period, period);
    }

    public void Watch(WebSocketLink link)
    {
        lock (_gate) _pending.Enqueue((link, NowMs + _timeoutMs));
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Sweep()
    {
        var now = NowMs;
        while (true)
        {
            WebSocketLink link;
            lock (_gate)
            {
                if (!_pending.TryPeek(out var next) || next.Deadline > now) return;
                link = _pending.Dequeue().Link;
            }
            if (!link.Acknowledged) link.Close(Relay.LinkClose.HandshakeTimeout);
        }
    }

    public void Dispose() => _timer.Dispose();
}
