using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using WebDevSync.Bench.Measure;
using WebDevSync.Bench.Servers;

namespace WebDevSync.Bench.Load;

/// <summary>Which client drives the round trips: this program (C#, ClientWebSocket) or npm's <c>ws</c> in Node.</summary>
public enum Generator { Dotnet, Node }

/// <summary>
/// Runs <c>tests/bench/node-load/load.mjs</c> against a running relay: the same closed-loop pairs as the C#
/// generator, on npm's <c>ws</c> client, so the relay is not judged only by its own project's client. The
/// script measures the window itself (the relay's CPU from /proc, both hops) and prints one JSON line.
/// </summary>
public static class NodeGenerator
{
    private sealed record Output(double Seconds, long RoundTrips, long Errors, Percentiles BrowserToAgentUs, Percentiles AgentToBrowserUs,
        double ServerCpuSeconds, double GeneratorCpuSeconds, double LoadAverage);

    public static async Task<DriveResult> DriveAsync(LoadSpec spec, ServerProcess server, string root)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(root, "tests/bench/node-load/load.mjs"),
            "--url", server.WebSocketUrl.ToString(), "--pid", server.Pid.ToString(CultureInfo.InvariantCulture),
            "--pairs", spec.Pairs.ToString(CultureInfo.InvariantCulture), "--payload", spec.PayloadBytes.ToString(CultureInfo.InvariantCulture),
            "--warmup", spec.WarmupSeconds.ToString(CultureInfo.InvariantCulture), "--seconds", spec.MeasureSeconds.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(spec.WarmupSeconds + spec.MeasureSeconds + 120));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        string stdout;
        try
        {
            stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException("node generator hung"); }
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"node generator exited {process.ExitCode}: {await stderr}");
        var o = JsonSerializer.Deserialize<Output>(line, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("node generator printed no result");
        return new DriveResult(o.Seconds, o.RoundTrips, o.Errors, o.BrowserToAgentUs, o.AgentToBrowserUs,
            [o.ServerCpuSeconds], o.GeneratorCpuSeconds, o.LoadAverage);
    }
}
