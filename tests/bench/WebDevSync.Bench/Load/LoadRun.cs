using System.Diagnostics;
using WebDevSync.Bench.Measure;
using WebDevSync.Bench.Servers;

namespace WebDevSync.Bench.Load;

/// <summary>One load scenario: how many pairs, which transport, payload size, warm-up and measured time.</summary>
public sealed record LoadSpec(Transport Transport, int Pairs, int PayloadBytes, double WarmupSeconds, double MeasureSeconds)
{
    public string Name => $"{(Transport switch { Transport.Grpc => "grpc", Transport.GrpcWeb => "grpcweb", Transport.GrpcMixed => "grpcmixed", _ => "ws" })}-{Pairs}p-{PayloadBytes}B";
}

public sealed record LoadResult(
    string Server, string Scenario, string Transport, int Pairs, int PayloadBytes, double Seconds,
    long RoundTrips, double RoundTripsPerSecond, long Errors,
    Percentiles BrowserToAgentUs, Percentiles AgentToBrowserUs,
    double ServerCpuSeconds, double ServerCpuUsPerRoundTrip, double ServerPeakRssMb,
    double GeneratorCpuSeconds, double GeneratorCpuPercent, double LoadAverage);

/// <summary>Connects the pairs, warms up, measures a window (server CPU from /proc before and after), tears down.</summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(LoadSpec spec, ServerSpec serverSpec, string root)
    {
        await using var server = await ServerProcess.StartAsync(serverSpec, root);
        using var factory = new EndFactory(spec.Transport, server, spec.PayloadBytes);
        var pairs = Enumerable.Range(0, spec.Pairs).Select(i => new PairIdentity($"u{i}"))
            .Select(id => new Pair(factory.Create(EndRole.Browser, id), factory.Create(EndRole.Agent, id))).ToArray();
        using var abort = new CancellationTokenSource();
        try
        {
            await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (p, ct) => await p.ConnectAsync(ct));
            var clock = new RunClock();
            var loops = pairs.Select(p => Task.Run(() => p.RunAsync(clock, abort.Token))).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(spec.WarmupSeconds));
            var serverBefore = ProcessProbe.Sample(server.Pid);
            var selfBefore = ProcessProbe.Self();
            var watch = Stopwatch.StartNew();
            clock.StartMeasuring();
            await Task.Delay(TimeSpan.FromSeconds(spec.MeasureSeconds));
            clock.Stop();
            var seconds = watch.Elapsed.TotalSeconds;
            var serverAfter = ProcessProbe.Sample(server.Pid);
            var selfAfter = ProcessProbe.Self();
            var load = ProcessProbe.LoadAverage();
            var finished = await Task.WhenAny(Task.WhenAll(loops), Task.Delay(TimeSpan.FromSeconds(15)));
            var hung = loops.Count(l => !l.IsCompleted);
            if (hung > 0) abort.Cancel();
            await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });

            var roundTrips = pairs.Sum(p => p.RoundTrips);
            var serverCpu = serverAfter.CpuSeconds - serverBefore.CpuSeconds;
            var selfCpu = selfAfter.CpuSeconds - selfBefore.CpuSeconds;
            return new LoadResult(serverSpec.Label, spec.Name, spec.Transport.ToString(), spec.Pairs, spec.PayloadBytes, seconds,
                roundTrips, roundTrips / seconds, pairs.Sum(p => p.Errors) + hung,
                Samples.Merge(pairs.Select(p => p.ToAgent)), Samples.Merge(pairs.Select(p => p.ToBrowser)),
                serverCpu, roundTrips == 0 ? 0 : serverCpu * 1e6 / roundTrips, serverAfter.PeakRssBytes / 1048576.0,
                selfCpu, selfCpu / seconds * 100, load);
        }
        finally
        {
            abort.Cancel();
            await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (p, _) => await p.DisposeAsync());
        }
    }
}
