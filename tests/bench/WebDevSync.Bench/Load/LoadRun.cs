using WebDevSync.Bench.Measure;
using WebDevSync.Bench.Servers;

namespace WebDevSync.Bench.Load;

/// <summary>One load scenario: how many pairs, which transport, payload size, warm-up and measured time.</summary>
public sealed record LoadSpec(Transport Transport, int Pairs, int PayloadBytes, double WarmupSeconds, double MeasureSeconds, Generator Generator = Generator.Dotnet)
{
    public string Name => $"{(Transport switch { Transport.Grpc => "grpc", Transport.GrpcWeb => "grpcweb", Transport.GrpcMixed => "grpcmixed", Transport.GrpcWebHttp2 => "grpcweb2", _ => "ws" })}{(Generator == Generator.Node ? "-node" : "")}-{Pairs}p-{PayloadBytes}B";
}

public sealed record LoadResult(
    string Server, string Scenario, string Transport, int Pairs, int PayloadBytes, double Seconds,
    long RoundTrips, double RoundTripsPerSecond, long Errors,
    Percentiles BrowserToAgentUs, Percentiles AgentToBrowserUs,
    double ServerCpuSeconds, double ServerCpuUsPerRoundTrip, double ServerPeakRssMb,
    double GeneratorCpuSeconds, double GeneratorCpuPercent, double LoadAverage);

/// <summary>Starts one relay, connects the pairs and drives them through a measured window (server CPU from /proc).</summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(LoadSpec spec, ServerSpec serverSpec, string root)
    {
        await using var server = await ServerProcess.StartAsync(serverSpec, root);
        if (spec.Generator == Generator.Node && spec.Transport != Transport.WebSocket)
            throw new ArgumentException("the Node generator speaks the JSON WebSocket protocol only");
        var d = spec.Generator == Generator.Node ? await NodeGenerator.DriveAsync(spec, server, root) : await DriveDotnetAsync(spec, server);
        var serverCpu = d.CpuSeconds[0];
        return new LoadResult(serverSpec.Label, spec.Name, spec.Transport.ToString(), spec.Pairs, spec.PayloadBytes, d.Seconds,
            d.RoundTrips, d.RoundTrips / d.Seconds, d.Errors, d.BrowserToAgentUs, d.AgentToBrowserUs,
            serverCpu, d.RoundTrips == 0 ? 0 : serverCpu * 1e6 / d.RoundTrips, ProcessProbe.Sample(server.Pid).PeakRssBytes / 1048576.0,
            d.GeneratorCpuSeconds, d.GeneratorCpuSeconds / d.Seconds * 100, d.LoadAverage);
    }

    private static async Task<DriveResult> DriveDotnetAsync(LoadSpec spec, ServerProcess server)
    {
        using var factory = new EndFactory(spec.Transport, server, spec.PayloadBytes);
        var pairs = Enumerable.Range(0, spec.Pairs).Select(i => new PairIdentity($"u{i}"))
            .Select(id => new Pair(factory.Create(EndRole.Browser, id), factory.Create(EndRole.Agent, id))).ToArray();
        return await PairDriver.DriveAsync(pairs, spec.WarmupSeconds, spec.MeasureSeconds, [() => ProcessProbe.CpuSeconds(server.Pid)]);
    }
}
