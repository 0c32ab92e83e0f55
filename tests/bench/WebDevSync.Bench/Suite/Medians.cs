using WebDevSync.Bench.Idle;
using WebDevSync.Bench.Load;

namespace WebDevSync.Bench.Suite;

/// <summary>The median over repeated runs of one scenario on one relay (errors are summed, not medianed).</summary>
public sealed record LoadMedian(string Server, string Scenario, int Runs, double RoundTripsPerSecond, long Errors,
    double BrowserToAgentP50, double BrowserToAgentP99, double AgentToBrowserP50, double AgentToBrowserP99,
    double ServerCpuUsPerRoundTrip, double ServerPeakRssMb, double GeneratorCpuPercent);

public sealed record IdleMedian(string Server, int Pairs, int Runs, long Errors, double KbPerConnection, double GrossKbPerConnection, double LoadedRssMb, double BaselineRssMb);

public static class Medians
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static IReadOnlyList<LoadMedian> Load(IEnumerable<LoadResult> runs) =>
        [.. runs.GroupBy(r => (r.Server, r.Scenario)).Select(g => new LoadMedian(g.Key.Server, g.Key.Scenario, g.Count(),
            Of(g.Select(r => r.RoundTripsPerSecond)), g.Sum(r => r.Errors),
            Of(g.Select(r => (double)r.BrowserToAgentUs.P50)), Of(g.Select(r => (double)r.BrowserToAgentUs.P99)),
            Of(g.Select(r => (double)r.AgentToBrowserUs.P50)), Of(g.Select(r => (double)r.AgentToBrowserUs.P99)),
            Of(g.Select(r => r.ServerCpuUsPerRoundTrip)), Of(g.Select(r => r.ServerPeakRssMb)), Of(g.Select(r => r.GeneratorCpuPercent))))];

    public static IReadOnlyList<IdleMedian> Idle(IEnumerable<IdleResult> runs) =>
        [.. runs.GroupBy(r => (r.Server, r.Pairs)).Select(g => new IdleMedian(g.Key.Server, g.Key.Pairs, g.Count(), g.Sum(r => r.Errors),
            Of(g.Select(r => r.KbPerConnection)), Of(g.Select(r => r.GrossKbPerConnection)), Of(g.Select(r => r.LoadedRssMb)), Of(g.Select(r => r.BaselineRssMb))))];
}
