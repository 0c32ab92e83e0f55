using System.Diagnostics;
using WebDevSync.Bench.Measure;

namespace WebDevSync.Bench.Load;

/// <summary>What one measured window gave: round trips, both hops' latencies and each probe's CPU seconds.</summary>
public sealed record DriveResult(
    double Seconds, long RoundTrips, long Errors, Percentiles BrowserToAgentUs, Percentiles AgentToBrowserUs,
    IReadOnlyList<double> CpuSeconds, double GeneratorCpuSeconds, double LoadAverage);

/// <summary>
/// Drives connected-to-be pairs through one run: connect, warm up, measure a window (each CPU probe read
/// before and after), stop, tear down. Shared by the one-relay load runs and the cluster runs.
/// </summary>
public static class PairDriver
{
    public static async Task<DriveResult> DriveAsync(Pair[] pairs, double warmupSeconds, double measureSeconds, IReadOnlyList<Func<double>> cpuProbes)
    {
        using var abort = new CancellationTokenSource();
        try
        {
            await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (p, ct) => await p.ConnectAsync(ct));
            var clock = new RunClock();
            var loops = pairs.Select(p => Task.Run(() => p.RunAsync(clock, abort.Token))).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(warmupSeconds));
            var before = cpuProbes.Select(probe => probe()).ToArray();
            var selfBefore = ProcessProbe.Self();
            var watch = Stopwatch.StartNew();
            clock.StartMeasuring();
            await Task.Delay(TimeSpan.FromSeconds(measureSeconds));
            clock.Stop();
            var seconds = watch.Elapsed.TotalSeconds;
            var after = cpuProbes.Select(probe => probe()).ToArray();
            var selfAfter = ProcessProbe.Self();
            var load = ProcessProbe.LoadAverage();
            await Task.WhenAny(Task.WhenAll(loops), Task.Delay(TimeSpan.FromSeconds(15)));
            var hung = loops.Count(l => !l.IsCompleted);
            if (hung > 0) abort.Cancel();
            await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
            return new DriveResult(seconds, pairs.Sum(p => p.RoundTrips), pairs.Sum(p => p.Errors) + hung,
                Samples.Merge(pairs.Select(p => p.ToAgent)), Samples.Merge(pairs.Select(p => p.ToBrowser)),
                [.. after.Zip(before, (a, b) => a - b)], selfAfter.CpuSeconds - selfBefore.CpuSeconds, load);
        }
        finally
        {
            abort.Cancel();
            await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (p, _) => await p.DisposeAsync());
        }
    }
}
