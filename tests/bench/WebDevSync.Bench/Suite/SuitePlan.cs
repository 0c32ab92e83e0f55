namespace WebDevSync.Bench.Suite;

/// <summary>What the suite runs. <c>--quick</c> is a few minutes; the default is the full comparison.</summary>
public sealed record SuitePlan(
    int Runs, double WarmupSeconds, double MeasureSeconds, int[] LoadPairs, int[] NodePairs, int[] GrpcPairs, int[] TlsPairs, int[] ShardPairs, int[] Shards,
    int[] IdlePairs, int GrpcIdlePairs, int Saves, int SaveIntervalMs, int BigPayloadBytes, int[] ClusterPairs, string[] ClusterTopologies,
    IReadOnlySet<string> Skip, string OutDir)
{
    public const int PayloadBytes = 1024;

    public bool Includes(string part) => !Skip.Contains(part);

    public static SuitePlan From(BenchArgs a)
    {
        var quick = a.Flag("quick");
        return new SuitePlan(
            Runs: a.Int("runs", quick ? 1 : 3),
            WarmupSeconds: a.Number("warmup", quick ? 4 : 6),
            MeasureSeconds: a.Number("seconds", quick ? 3 : 5),
            LoadPairs: Ints(a.Text("pairs", "1,10,100,500")),
            NodePairs: Ints(a.Text("node-pairs", "10,100")),
            GrpcPairs: Ints(a.Text("grpc-pairs", quick ? "1,10" : "1,10,100")),
            TlsPairs: Ints(a.Text("tls-pairs", quick ? "10" : "10,100")),
            ShardPairs: Ints(a.Text("shard-pairs", quick ? "100" : "100,500")),
            Shards: Ints(a.Text("shards", quick ? "1,2" : "1,2,4")),
            IdlePairs: Ints(a.Text("idle-pairs", quick ? "1000" : "1000,5000")),
            GrpcIdlePairs: a.Int("grpc-idle-pairs", quick ? 500 : 2000),
            Saves: a.Int("saves", quick ? 20 : 100),
            SaveIntervalMs: a.Int("save-interval-ms", 100),
            BigPayloadBytes: a.Int("big-payload", 1024 * 1024),
            ClusterPairs: Ints(a.Text("cluster-pairs", "1,100")),
            ClusterTopologies: a.Text("topologies", "one,two-cross,two-spread,nginx").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Skip: a.Text("skip", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
            OutDir: a.Text("out", Path.Combine(a.Root(), "artifacts", "bench")));
    }

    private static int[] Ints(string csv) =>
        [.. csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)];
}
