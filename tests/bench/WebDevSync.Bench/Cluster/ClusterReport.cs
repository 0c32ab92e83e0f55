using WebDevSync.Bench.Suite;

namespace WebDevSync.Bench.Cluster;

/// <summary>The cluster figure as a Markdown table: one row per topology (medians over runs when several).</summary>
public static class ClusterReport
{
    public static string Table(IEnumerable<ClusterResult> results) => Report.Table(
        ["topology", "pairs", "rt/s", "errors", "b→a µs p50/p99", "a→b µs p50/p99", "nodes CPU µs/rt", "redis µs/rt", "nginx µs/rt", "nodes peak MB", "gen CPU %", "load", "problem"],
        results.Select(r => new[]
        {
            r.Topology, r.Pairs.ToString(System.Globalization.CultureInfo.InvariantCulture), Report.F(r.RoundTripsPerSecond, 0), r.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{r.BrowserToAgentUs.P50}/{r.BrowserToAgentUs.P99}", $"{r.AgentToBrowserUs.P50}/{r.AgentToBrowserUs.P99}",
            Report.F(r.NodesCpuUsPerRoundTrip, 1), Report.F(r.RedisCpuUsPerRoundTrip, 1), Report.F(r.NginxCpuUsPerRoundTrip, 1),
            Report.F(r.NodesPeakRssMb, 1), Report.F(r.GeneratorCpuPercent, 0), Report.F(r.LoadAverage, 2), r.Problem ?? "",
        }));

    /// <summary>
    /// What a cross-node hop adds at p50: <c>two-cross</c> against <c>one</c> at the same pair count, per
    /// direction (each direction is one hop from tab to agent or back).
    /// </summary>
    public static string AddedPerHop(IReadOnlyList<ClusterResult> medians)
    {
        var lines = new List<string>();
        foreach (var cross in medians.Where(r => r.Topology == "two-cross" && r.Problem is null))
            if (medians.FirstOrDefault(r => r.Topology == "one" && r.Pairs == cross.Pairs && r.Problem is null) is { } one)
                lines.Add($"- {cross.Pairs} pair(s): a cross-node hop adds {cross.BrowserToAgentUs.P50 - one.BrowserToAgentUs.P50} µs (tab → agent) and "
                    + $"{cross.AgentToBrowserUs.P50 - one.AgentToBrowserUs.P50} µs (agent → tab) at p50 (goal: under 500 µs)");
        return string.Join('\n', lines);
    }

    /// <summary>Per topology, the run with the median round trips per second (so one row's figures belong together).</summary>
    public static IReadOnlyList<ClusterResult> Medians(IEnumerable<ClusterResult> runs) =>
        [.. runs.GroupBy(r => (r.Topology, r.Pairs)).Select(g =>
        {
            var ok = g.Where(r => r.Problem is null).OrderBy(r => r.RoundTripsPerSecond).ToList();
            return ok.Count == 0 ? g.First() : ok[(ok.Count - 1) / 2];
        })];
}
