namespace WebDevSync.Agent.Model;

/// <summary>Reconnect delays: 1 s doubling to 30 s (the seed's numbers), spread by ±25 % jitter.</summary>
public static class Backoff
{
    public const long InitialMs = 1_000;
    public const long MaxMs = 30_000;

    /// <param name="failures">Drops since the last good link, from 1.</param>
    /// <param name="jitter">A random number in [0, 1).</param>
    public static long DelayMs(int failures, double jitter)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var nominal = Math.Min(MaxMs, InitialMs << Math.Min(exponent, 5));
        var spread = 0.75 + 0.5 * Math.Clamp(jitter, 0, 1);
        return Math.Min(MaxMs, (long)(nominal * spread));
    }
}
