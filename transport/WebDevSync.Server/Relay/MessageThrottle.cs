using System.Threading.RateLimiting;

namespace WebDevSync.Server.Relay;

public enum ThrottleVerdict { Allow, RejectOnce, Drop, Disconnect }

/// <summary>
/// A connection's token bucket (System.Threading.RateLimiting). Past the limit the sender hears
/// RATE_LIMITED once per period and the rest is dropped; a sender that keeps flooding is disconnected.
/// The relay's one-second ticker refills every bucket (<see cref="Replenish"/>), so idle connections
/// cost no timers.
/// </summary>
internal sealed class MessageThrottle(int perSecond, int burst) : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        AutoReplenishment = false,
        QueueLimit = 0,
    });

    private int _deniedThisPeriod;

    public ThrottleVerdict Check()
    {
        using var lease = _bucket.AttemptAcquire();
        if (lease.IsAcquired) return ThrottleVerdict.Allow;
        var denied = Interlocked.Increment(ref _deniedThisPeriod);
        return denied == 1 ? ThrottleVerdict.RejectOnce : denied > 10 * burst ? ThrottleVerdict.Disconnect : ThrottleVerdict.Drop;
    }

    public void Replenish()
    {
        _bucket.TryReplenish();
        Interlocked.Exchange(ref _deniedThisPeriod, 0);
    }

    public void Dispose() => _bucket.Dispose();
}
