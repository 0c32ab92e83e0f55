namespace WebDevSync.Server.Relay;

public enum ThrottleVerdict { Allow, RejectOnce, Drop, Disconnect }

/// <summary>
/// A connection's token bucket. Past the limit the sender hears RATE_LIMITED once per period and the
/// rest is dropped; a sender that keeps flooding is disconnected. The relay's one-second ticker
/// refills every bucket (<see cref="Replenish"/>), so idle connections cost no timers.
/// Lock-free (one compare-and-swap per message): this runs for every message, and the benchmark showed
/// System.Threading.RateLimiting's lock and lease there (docs/PERFORMANCE.md).
/// </summary>
internal sealed class MessageThrottle : IDisposable
{
    private readonly int _perSecond;
    private readonly int _burst;
    private int _tokens;
    private int _deniedThisPeriod;

    public MessageThrottle(int perSecond, int burst) => (_perSecond, _burst, _tokens) = (perSecond, burst, burst);

    public ThrottleVerdict Check()
    {
        var tokens = Volatile.Read(ref _tokens);
        while (tokens > 0)
        {
            var seen = Interlocked.CompareExchange(ref _tokens, tokens - 1, tokens);
            if (seen == tokens) return ThrottleVerdict.Allow;
            tokens = seen;
        }
        var denied = Interlocked.Increment(ref _deniedThisPeriod);
        return denied == 1 ? ThrottleVerdict.RejectOnce : denied > 10 * _burst ? ThrottleVerdict.Disconnect : ThrottleVerdict.Drop;
    }

    /// <summary>One period's tokens, up to the bucket's size.</summary>
    public void Replenish()
    {
        int current;
        do current = Volatile.Read(ref _tokens);
        while (Interlocked.CompareExchange(ref _tokens, (int)Math.Min((long)current + _perSecond, _burst), current) != current);
        Interlocked.Exchange(ref _deniedThisPeriod, 0);
    }

    public void Dispose() { }
}
