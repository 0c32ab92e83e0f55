using System.Text;
using WebDevSync.Bench.Idle;
using WebDevSync.Bench.Load;
using WebDevSync.Bench.Save;
using static WebDevSync.Bench.Suite.Report;

namespace WebDevSync.Bench.Suite;

/// <summary>The suite's Markdown summary: the bar, then each comparison's medians, then every run.</summary>
public static class SuiteReport
{
    public static string Render(SuitePlan plan, Machine machine, IReadOnlyList<LoadMedian> loads, IReadOnlyList<IdleMedian> idles,
        IReadOnlyList<SaveResult> saves, IReadOnlyList<Verdict> verdicts, IReadOnlyList<LoadResult> runs, IReadOnlyList<string> failures)
    {
        var s = new StringBuilder();
        s.Append($"Machine: {machine.Cpus} CPUs, {machine.MemoryGb:F1} GB, {machine.Dotnet}, node {machine.Node}, {machine.Kernel}; started {machine.StartedUtc}, ")
         .Append($"load average {F(machine.LoadAverageAtStart, 2)} at start, {F(machine.LoadAverageAtEnd, 2)} at end. ")
         .Append($"{plan.Runs} run(s) per figure, alternating; {F(plan.WarmupSeconds, 0)} s warm-up + {F(plan.MeasureSeconds, 0)} s measured; medians.\n\n");

        s.Append("### The bar\n\n").Append(Table(["figure", "WebDevSync", "reference", "ratio", "target", "met"],
            verdicts.Select(v => new[] { v.Figure, v.WebDevSync, v.Reference, v.Ratio, v.Target, v.Met }))).Append("\n\n");

        s.Append("### WebSocket round trips (medians)\n\n").Append(MedianTable(loads.Where(m => m.Scenario.StartsWith("ws-", StringComparison.Ordinal)))).Append("\n\n");

        var grpc = loads.Where(m => m.Server == "webdevsync").OrderBy(m => PairsOf(m.Scenario)).ThenBy(m => m.Scenario).ToList();
        if (grpc.Any(m => m.Scenario.StartsWith("grpc", StringComparison.Ordinal)))
            s.Append("### WebDevSync: WebSocket, native gRPC and gRPC-Web (medians)\n\n")
             .Append(MedianTable(grpc.Where(m => plan.GrpcPairs.Contains(PairsOf(m.Scenario)) && m.Scenario.EndsWith($"-{SuitePlan.PayloadBytes}B", StringComparison.Ordinal)))).Append("\n\n");

        var tls = loads.Where(m => m.Server == "webdevsync/tls").OrderBy(m => PairsOf(m.Scenario)).ThenBy(m => m.Scenario).ToList();
        if (tls.Count > 0)
            s.Append("### WebDevSync over its own TLS: WebSocket, gRPC-Web on HTTP/1.1 and on HTTP/2 (medians)\n\n").Append(MedianTable(tls)).Append("\n\n");

        var sharded = loads.Where(m => m.Server.StartsWith("webdevsync/", StringComparison.Ordinal) && m.Server.Contains("shard", StringComparison.Ordinal) && m.Scenario.StartsWith("ws-", StringComparison.Ordinal)
            && plan.ShardPairs.Contains(PairsOf(m.Scenario)) && m.Scenario.EndsWith($"-{SuitePlan.PayloadBytes}B", StringComparison.Ordinal)).OrderBy(m => PairsOf(m.Scenario)).ThenBy(m => m.Server).ToList();
        if (sharded.Select(m => m.Server).Distinct().Count() > 1)
            s.Append($"### Router shards (WebDevSync, WebSocket; `webdevsync` elsewhere is the default, one per CPU: {machine.Cpus})\n\n").Append(MedianTable(sharded)).Append("\n\n");

        if (idles.Count > 0)
            s.Append("### Idle connections (medians)\n\n").Append(Table(["server", "pairs", "runs", "errors", "RSS fresh MB", "RSS loaded MB", "KB/connection (marginal, 2nd half)", "KB/connection (gross, from fresh)"],
                idles.Select(i => new[] { i.Server, i.Pairs.ToString(), i.Runs.ToString(), i.Errors.ToString(), F(i.BaselineRssMb, 1), F(i.LoadedRssMb, 1), F(i.KbPerConnection, 2), F(i.GrossKbPerConnection, 2) }))).Append("\n\n");

        if (saves.Count > 0)
            s.Append("### Save → browser through the real agent\n\n").Append(Table(["server", "saves", "updates received", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "note"],
                saves.Select(r => new[] { r.Server, r.Saves.ToString(), r.Received.ToString(), r.Errors.ToString(), F(r.P50Ms, 1), F(r.P90Ms, 1), F(r.P99Ms, 1), F(r.MaxMs, 1), r.Problem ?? "" }))).Append("\n\n");

        s.Append("### Every run\n\n").Append(LoadTable(runs)).Append('\n');
        if (failures.Count > 0) s.Append("\n### Failures\n\n").AppendJoin('\n', failures.Select(f => "- " + f)).Append('\n');
        return s.ToString();
    }

    private static string MedianTable(IEnumerable<LoadMedian> medians) => Table(
        ["server", "scenario", "runs", "rt/s", "errors", "b→a p50 µs", "b→a p99 µs", "a→b p50 µs", "a→b p99 µs", "srv CPU µs/rt", "srv peak MB", "gen CPU %"],
        medians.Select(m => new[] { m.Server, m.Scenario, m.Runs.ToString(), F(m.RoundTripsPerSecond, 0), m.Errors.ToString(), F(m.BrowserToAgentP50, 0), F(m.BrowserToAgentP99, 0),
            F(m.AgentToBrowserP50, 0), F(m.AgentToBrowserP99, 0), F(m.ServerCpuUsPerRoundTrip, 1), F(m.ServerPeakRssMb, 1), F(m.GeneratorCpuPercent, 0) }));

    /// <summary>The pair count in a scenario name such as <c>ws-10p-1024B</c> or <c>ws-node-10p-1024B</c>.</summary>
    private static int PairsOf(string scenario) => int.Parse(scenario.Split('-').First(part => part.EndsWith('p') && part.Length > 1 && char.IsAsciiDigit(part[0])).TrimEnd('p'));
}
