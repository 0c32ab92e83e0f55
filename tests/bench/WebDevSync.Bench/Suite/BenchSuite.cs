using System.Text.Json;
using WebDevSync.Bench.Cluster;
using WebDevSync.Bench.Idle;
using WebDevSync.Bench.Load;
using WebDevSync.Bench.Measure;
using WebDevSync.Bench.Live;
using WebDevSync.Bench.Save;
using WebDevSync.Bench.Servers;

namespace WebDevSync.Bench.Suite;

/// <summary>
/// The whole comparison: every scenario on both relays, alternating which goes first, several times,
/// then medians, ratios and the bar's verdicts as tables and one JSON line (also saved under artifacts/bench).
/// </summary>
public static class BenchSuite
{
    private static readonly ServerSpec Wds = new(ServerKind.WebDevSync);
    private static readonly ServerSpec Ref = new(ServerKind.Reference);
    private static readonly ServerSpec WdsTls = new(ServerKind.WebDevSync) { Tls = true };

    public static async Task<int> RunAsync(SuitePlan plan, string root)
    {
        var machine = Machine.Describe(root);
        Console.Error.WriteLine($"[bench] {machine.Cpus} CPUs, {machine.MemoryGb:F1} GB, {machine.Dotnet}, node {machine.Node}, load {machine.LoadAverageAtStart:F2}; {plan.Runs} run(s) each");
        var loads = new List<LoadResult>();
        var idles = new List<IdleResult>();
        var saves = new List<SaveResult>();
        var failures = new List<string>();

        async Task Load(LoadSpec spec, ServerSpec server)
        {
            try
            {
                var r = await LoadRun.RunAsync(spec, server, root);
                loads.Add(r);
                Console.Error.WriteLine($"[bench] {server.Label,-22} {spec.Name,-20} {r.RoundTripsPerSecond,8:F0} rt/s  err {r.Errors}  b→a p50 {r.BrowserToAgentUs.P50} µs  a→b p50 {r.AgentToBrowserUs.P50} µs  CPU {r.ServerCpuUsPerRoundTrip:F1} µs/rt  gen {r.GeneratorCpuPercent:F0}%  load {r.LoadAverage:F1}");
            }
            catch (Exception e)
            {
                failures.Add($"{server.Label} {spec.Name}: {e.GetType().Name}: {e.Message}");
                Console.Error.WriteLine($"[bench] {server.Label} {spec.Name} FAILED: {e.Message}");
            }
        }

        async Task Idle(int pairs, ServerSpec server, Transport transport, string? label)
        {
            var name = label ?? server.Label;
            try
            {
                var r = await IdleRun.RunAsync(pairs, server, root, transport: transport, label: label);
                idles.Add(r);
                Console.Error.WriteLine($"[bench] {name,-22} idle {r.Pairs} pairs: {r.KbPerConnection:F2} KB/connection marginal, {r.GrossKbPerConnection:F2} gross (RSS {r.BaselineRssMb:F1} → {r.HalfRssMb:F1} → {r.LoadedRssMb:F1} MB, errors {r.Errors})");
            }
            catch (Exception e)
            {
                failures.Add($"{name} idle: {e.GetType().Name}: {e.Message}");
                Console.Error.WriteLine($"[bench] {name} idle FAILED: {e.Message}");
            }
        }

        for (var run = 0; run < plan.Runs; run++)
        {
            ServerSpec[] order = run % 2 == 0 ? [Wds, Ref] : [Ref, Wds];
            Console.Error.WriteLine($"[bench] run {run + 1} of {plan.Runs} ({order[0].Label} first)");
            foreach (var pairs in plan.LoadPairs)
                foreach (var server in order)
                    await Load(Spec(plan, Transport.WebSocket, pairs, SuitePlan.PayloadBytes), server);
            // The same round trips from npm's ws client (issue 25): a relay fast only for its own client is not fast.
            if (plan.Includes("node"))
                foreach (var pairs in plan.NodePairs)
                    foreach (var server in order)
                        await Load(Spec(plan, Transport.WebSocket, pairs, SuitePlan.PayloadBytes) with { Generator = Generator.Node }, server);
            if (plan.Includes("big"))
                foreach (var server in order)
                    await Load(Spec(plan, Transport.WebSocket, 1, plan.BigPayloadBytes), server);
            if (plan.Includes("grpc"))
                foreach (var pairs in plan.GrpcPairs)
                    foreach (var transport in new[] { Transport.Grpc, Transport.GrpcWeb, Transport.GrpcMixed })
                        await Load(Spec(plan, transport, pairs, SuitePlan.PayloadBytes), Wds);
            // gRPC-Web as browsers reach it in production, over TLS: HTTP/1.1 (a request per Send) and HTTP/2
            // (a stream per Send on shared connections) beside the WebSocket over the same TLS (issue 25).
            if (plan.Includes("tls"))
                foreach (var pairs in plan.TlsPairs)
                    foreach (var transport in new[] { Transport.WebSocket, Transport.GrpcWeb, Transport.GrpcWebHttp2 })
                        await Load(Spec(plan, transport, pairs, SuitePlan.PayloadBytes), WdsTls);
            // Every count is set explicitly, 1 included: the default relay's count depends on the machine.
            if (plan.Includes("shards"))
                foreach (var shards in plan.Shards)
                    foreach (var pairs in plan.ShardPairs)
                        await Load(Spec(plan, Transport.WebSocket, pairs, SuitePlan.PayloadBytes), new ServerSpec(ServerKind.WebDevSync, shards));
            if (plan.Includes("idle"))
                foreach (var pairs in plan.IdlePairs)
                    foreach (var server in order)
                        await Idle(pairs, server, Transport.WebSocket, null);
            if (plan.Includes("idle") && plan.Includes("grpc"))
                await Idle(plan.GrpcIdlePairs, Wds, Transport.Grpc, Verdicts.GrpcIdleLabel);
        }
        if (plan.Includes("save"))
            foreach (var server in new[] { Wds, Ref })
            {
                var r = await SaveRun.RunAsync(server, root, plan.Saves, plan.SaveIntervalMs, "");
                saves.Add(r);
                Console.Error.WriteLine($"[bench] {server.Label,-22} save→browser: {r.Received}/{r.Saves} updates, p50 {r.P50Ms:F1} ms, p99 {r.P99Ms:F1} ms{(r.Problem is null ? "" : " — " + r.Problem)}");
            }

        var lives = new List<LiveResult>();
        IReadOnlyList<DocumentSizeResult> sizes = [];
        if (plan.Includes("live"))
        {
            var r = await LiveRun.RunAsync(Wds, root, plan.Saves * 2, 30, "");
            lives.Add(r);
            Console.Error.WriteLine($"[bench] {Wds.Label,-22} live: nvim→tab p50 {r.EditorToTabP50Ms:F1} ms p99 {r.EditorToTabP99Ms:F1} ms, tab→nvim p50 {r.TabToEditorP50Ms:F1} ms p99 {r.TabToEditorP99Ms:F1} ms, relay CPU {r.RelayCpuMsPerChange:F2} ms/change{(r.Problem is null ? "" : " — " + r.Problem)}");
            var emacs = await EmacsLiveRun.RunAsync(Wds, root, plan.Saves * 2, 30, "");
            lives.Add(emacs);
            sizes = await DocumentSizeRun.RunAsync(Wds, root, plan.Saves * 4, 10);
            foreach (var z in sizes)
                Console.Error.WriteLine($"[bench] {Wds.Label,-22} live {z.Form} {z.DocumentBytes} B: relay CPU {z.RelayCpuMsPerChange:F3} ms/change, tab→agent p50 {z.TabToAgentP50Ms:F2} ms, {z.TabFrameBytes}/{z.AgentFrameBytes} bytes{(z.Problem is null ? "" : " — " + z.Problem)}");
            Console.Error.WriteLine($"[bench] {Wds.Label,-22} live: Emacs→tab p50 {emacs.EditorToTabP50Ms:F1} ms p99 {emacs.EditorToTabP99Ms:F1} ms{(emacs.Problem is null ? "" : " — " + emacs.Problem)}");
        }

        var clusters = new List<ClusterResult>();
        if (plan.Includes("cluster"))
        {
            clusters = await ClusterRuns.RunAsync([.. plan.ClusterTopologies.Select(ClusterTopology.Parse)], plan.ClusterPairs, plan.Runs,
                new ClusterSpec(Topology.One, 0, SuitePlan.PayloadBytes, plan.WarmupSeconds, plan.MeasureSeconds), root);
            failures.AddRange(clusters.Where(r => r.Problem is not null && !r.Pending).Select(r => $"cluster {r.Topology}: {r.Problem}"));
        }
        var clusterMedians = ClusterReport.Medians(clusters);

        var loadMedians = Medians.Load(loads);
        var idleMedians = Medians.Idle(idles);
        var verdicts = Verdicts.Compute(plan, loadMedians, idleMedians, saves);
        machine = machine with { LoadAverageAtEnd = ProcessProbe.LoadAverage() };
        var text = SuiteReport.Render(plan, machine, loadMedians, idleMedians, saves, verdicts, loads, failures) + LiveRun.Table(lives) + DocumentSizeRun.Table(sizes)
            + (clusterMedians.Count == 0 ? "" : "\n### Several nodes (WebSocket; per topology and pair count the median run by rt/s)\n\n" + ClusterReport.Table(clusterMedians) + "\n\n" + ClusterReport.AddedPerHop(clusterMedians) + "\n");
        Console.WriteLine(text);
        var json = JsonSerializer.Serialize(new { machine, plan = new { plan.Runs, plan.WarmupSeconds, plan.MeasureSeconds, plan.IdlePairs, plan.Saves }, verdicts, loadMedians, idleMedians, saves, lives, sizes, clusters = clusterMedians, clusterRuns = clusters, runs = loads, idleRuns = idles, failures });
        Console.WriteLine(json);
        Directory.CreateDirectory(plan.OutDir);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
        await File.WriteAllTextAsync(Path.Combine(plan.OutDir, $"bench-{stamp}.md"), text + "\n");
        await File.WriteAllTextAsync(Path.Combine(plan.OutDir, $"bench-{stamp}.json"), json + "\n");
        Console.Error.WriteLine($"[bench] saved {Path.Combine(plan.OutDir, $"bench-{stamp}")}.md/.json");
        return failures.Count == 0 ? 0 : 1;
    }

    private static LoadSpec Spec(SuitePlan plan, Transport transport, int pairs, int payload) =>
        new(transport, pairs, payload, plan.WarmupSeconds, plan.MeasureSeconds);
}
