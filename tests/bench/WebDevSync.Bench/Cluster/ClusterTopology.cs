using System.Security.Cryptography.X509Certificates;
using WebDevSync.Bench.Load;
using WebDevSync.Bench.Measure;
using WebDevSync.Bench.Servers;
using WebDevSync.TestKit.Processes;

namespace WebDevSync.Bench.Cluster;

/// <summary>
/// Where the pairs' two ends connect. <c>one</c>: one relay, both ends on it. <c>two-cross</c>: two
/// relays on one Redis, every tab on node 0 and its agent on node 1 (each round trip crosses nodes
/// twice). <c>two-spread</c>: the same two nodes, each pair wholly on one of them (half the pairs on
/// each: what a second node adds when nothing crosses). <c>nginx</c>: one relay behind nginx with TLS
/// (deploy/nginx/web-dev-sync.conf), both ends through it.
/// </summary>
public enum Topology { One, TwoCross, TwoSpread, Nginx }

/// <summary>The processes of one topology and the URL each end of pair <c>i</c> connects to.</summary>
public sealed class ClusterTopology : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("wds-bench-cluster-").FullName;
    private readonly List<ServerProcess> _nodes = [];
    private RedisServer? _redis;
    private ChildProcess? _nginx;
    private Uri? _nginxUrl;

    public X509Certificate2? Trusted { get; private set; }

    public Topology Kind { get; private init; }

    public static string Name(Topology t) => t switch
    {
        Topology.One => "one", Topology.TwoCross => "two-cross", Topology.TwoSpread => "two-spread", Topology.Nginx => "nginx", _ => t.ToString(),
    };

    public static Topology Parse(string name) => name switch
    {
        "one" => Topology.One, "two-cross" => Topology.TwoCross, "two-spread" => Topology.TwoSpread, "nginx" => Topology.Nginx,
        _ => throw new ArgumentException($"topology {name}: expected one, two-cross, two-spread or nginx"),
    };

    public static async Task<ClusterTopology> StartAsync(Topology kind, string root, bool waitForNodes = true)
    {
        var t = new ClusterTopology { Kind = kind };
        try
        {
            var spec = new ServerSpec(ServerKind.WebDevSync);
            if (kind is Topology.TwoCross or Topology.TwoSpread)
            {
                if (!await RelaySpeaksRedisAsync(root)) throw new ClusterPending("pending: this relay has no `redis` key yet (issue 16)");
                var redis = await RedisServer.StartAsync(t._dir);
                t._redis = redis;
                t._owned.Add(redis);
                spec = spec with { Environment = new Dictionary<string, string> { ["WEBDEVSYNC__redis"] = redis.Configuration } };
            }
            var count = kind is Topology.TwoCross or Topology.TwoSpread ? 2 : 1;
            for (var i = 0; i < count; i++)
            {
                // Nodes on one machine: each its own silo port (the default, 11111, would clash).
                var nodeSpec = count == 1 ? spec : spec with { Environment = new Dictionary<string, string>(spec.Environment) { ["WEBDEVSYNC__siloPort"] = FreePort.Pick().ToString() } };
                var node = await ServerProcess.StartAsync(nodeSpec, root);
                t._nodes.Add(node);
                t._owned.Add(node);
            }
            if (count > 1 && waitForNodes) await t.WaitForClusterAsync(count);
            if (kind == Topology.Nginx)
            {
                var (nginx, url, cert) = await NginxServer.StartAsync(root, t._dir, [t._nodes[0].HttpBase.Port]);
                (t._nginx, t._nginxUrl, t.Trusted) = (nginx, url, cert);
                t._owned.Add(nginx);
            }
            return t;
        }
        catch
        {
            await t.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Until every node's status counts all nodes (Orleans membership, in Redis): a deployment's nodes
    /// have long been up when users connect, and the figure is about that steady state.
    /// </summary>
    private async Task WaitForClusterAsync(int count)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var node in _nodes)
            while (true)
            {
                using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(node.HttpBase, "/web-dev-sync/status")));
                if (status.RootElement.TryGetProperty("cluster", out var cluster) && cluster.GetProperty("nodes").GetInt32() == count) break;
                if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"the nodes did not see each other within 60 s: {status.RootElement}");
                await Task.Delay(100);
            }
    }

    private static async Task<bool> RelaySpeaksRedisAsync(string root)
    {
        var help = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(root, "transport/WebDevSync.Server/bin/Release/net10.0/WebDevSync.Server.dll"), "--help"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = System.Diagnostics.Process.Start(help)!;
        var text = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return text.Contains("--redis", StringComparison.Ordinal);
    }

    /// <summary>The URL pair <paramref name="index"/>'s end of <paramref name="role"/> connects to.</summary>
    public Uri UrlFor(EndRole role, int index) => Kind switch
    {
        Topology.Nginx => _nginxUrl!,
        Topology.TwoCross => _nodes[role == EndRole.Browser ? 0 : 1].WebSocketUrl,
        Topology.TwoSpread => _nodes[index % 2].WebSocketUrl,
        _ => _nodes[0].WebSocketUrl,
    };

    /// <summary>CPU probes, in this order: all relay nodes together, redis-server, nginx (master and worker).</summary>
    public IReadOnlyList<Func<double>> CpuProbes() =>
    [
        () => _nodes.Sum(n => ProcessProbe.CpuSeconds(n.Pid)),
        () => _redis is null ? 0 : ProcessProbe.CpuSeconds(_redis.Pid),
        () => _nginx is null ? 0 : ProcessProbe.TreeCpuSeconds(_nginx.Id),
    ];

    public double NodesPeakRssMb() => _nodes.Sum(n => ProcessProbe.Sample(n.Pid).PeakRssBytes) / 1048576.0;

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A topology this relay cannot form yet: reported as pending, not as a failure.</summary>
public sealed class ClusterPending(string message) : Exception(message);
