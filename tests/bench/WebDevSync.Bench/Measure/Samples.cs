namespace WebDevSync.Bench.Measure;

/// <summary>Latency samples in microseconds, appended by one pair's loop (no locking) and merged at the end.</summary>
public sealed class Samples
{
    private readonly List<int> _values = new(1024);

    public int Count => _values.Count;

    public void Add(long micros) => _values.Add((int)Math.Clamp(micros, 0, int.MaxValue));

    public static Percentiles Merge(IEnumerable<Samples> parts)
    {
        var all = parts.SelectMany(p => p._values).ToArray();
        Array.Sort(all);
        return Percentiles.Of(all);
    }
}

/// <summary>p50/p90/p99/max of sorted microsecond samples (nearest rank); zeros when there are none.</summary>
public sealed record Percentiles(int Count, long P50, long P90, long P99, long Max)
{
    public static Percentiles Of(int[] sorted) => sorted.Length == 0
        ? new Percentiles(0, 0, 0, 0, 0)
        : new Percentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);

    private static long Rank(int[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
