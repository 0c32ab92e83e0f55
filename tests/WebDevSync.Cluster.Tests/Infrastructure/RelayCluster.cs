using System.Net;
using System.Net.Sockets;
using WebDevSync.TestKit.Net;

namespace WebDevSync.Cluster.Tests.Infrastructure;

/// <summary>
/// A Redis server and several real relay processes started with <c>--redis</c>, as an operator runs them,
/// each reaching Redis through its own <see cref="TcpProxy"/> (so a test can cut one node's link) and
/// listening for the other nodes on its own silo port on 127.0.0.1. Nodes can be killed, paused,
/// restarted and added.
/// </summary>
public sealed class RelayCluster : IAsyncDisposable
{
    private readonly List<RelayProcess> _all = [];
    private readonly List<TcpProxy> _proxies = [];
    private readonly string? _secret;
    private readonly IReadOnlyList<string> _args;

    private RelayCluster(RedisServer redis, string? secret, IReadOnlyList<string> args) => (Redis, _secret, _args) = (redis, secret, args);

    public RedisServer Redis { get; }

    /// <summary>The nodes alive, in start order.</summary>
    public List<Node> Nodes { get; } = [];

    /// <summary>With a <paramref name="secret"/> every node verifies tokens (SESSION_SECRET); <paramref name="args"/> go to every node.</summary>
    public static async Task<RelayCluster> StartAsync(int nodes, string? secret = null, IReadOnlyList<string>? args = null)
    {
        var cluster = new RelayCluster(await RedisServer.StartAsync(), secret, args ?? []);
        try
        {
            // One after another: the first creates the membership table, the others join it.
            for (var i = 0; i < nodes; i++) await cluster.AddNodeAsync();
            await cluster.ConvergedAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<Node> AddNodeAsync()
    {
        var proxy = new TcpProxy(Redis.Port);
        lock (_proxies) _proxies.Add(proxy);
        var node = new Node(proxy, FreePort());
        await StartAsync(node);
        lock (Nodes) Nodes.Add(node);
        return node;
    }

    private async Task StartAsync(Node node, int httpPort = 0)
    {
        var process = await RelayProcess.StartAsync(["--redis", $"127.0.0.1:{node.RedisLink.Port}", "--silo-port", node.SiloPort.ToString(), .. _args],
            _secret is null ? null : new Dictionary<string, string> { ["SESSION_SECRET"] = _secret }, httpPort);
        lock (_all) _all.Add(process);
        node.Process = process;
        node.Id = (await process.StatusAsync()).GetProperty("cluster").GetProperty("node").GetString()!;
    }

    /// <summary>Waits until every node counts exactly the live nodes as the cluster's.</summary>
    public async Task ConvergedAsync()
    {
        List<Node> nodes;
        lock (Nodes) nodes = [.. Nodes];
        var ids = nodes.Select(n => n.Id).Order(StringComparer.Ordinal).ToArray();
        foreach (var node in nodes)
            await node.Process.WaitForStatusAsync(s => NodeIds(s).SequenceEqual(ids), $"node {node.Id} to see {string.Join(", ", ids)}");
    }

    /// <summary>SIGKILL of a node: nothing is flushed; the others find it dead by probing it.</summary>
    public Task KillAsync(Node node)
    {
        node.Process.Kill();
        lock (Nodes) Nodes.Remove(node);
        return Task.CompletedTask;
    }

    /// <summary>SIGTERM of a node, as a service manager stops it; it is no target for clients from then on.</summary>
    public Task TerminateAsync(Node node)
    {
        lock (Nodes) Nodes.Remove(node);
        return node.Process.TerminateAsync();
    }

    /// <summary>Starts a node that was killed again, on its HTTP and silo ports (an upgrade or systemd's restart).</summary>
    public async Task RestartAsync(Node node)
    {
        lock (Nodes) Nodes.Remove(node); // not a target for clients while it restarts
        var port = node.Process.Port;
        if (!node.Process.HasExited) await node.Process.TerminateAsync();
        await node.Process.ExitCodeAsync();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await StartAsync(node, port);
                break;
            }
            catch (InvalidOperationException) when (attempt < 40)
            {
                await Task.Delay(250); // the port may linger a moment
            }
        }
        lock (Nodes) if (!Nodes.Contains(node)) Nodes.Add(node);
    }

    public static IEnumerable<string> NodeIds(JsonElement status) =>
        status.GetProperty("cluster").GetProperty("nodeIds").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _all)
        {
            if (!p.HasExited) try { p.Resume(); } catch (InvalidOperationException) { } // a paused node must not outlive the test
            await p.DisposeAsync();
        }
        foreach (var p in _proxies) await p.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One relay node of the cluster: its current process, its link to Redis and its silo port.</summary>
public sealed class Node(TcpProxy redisLink, int siloPort)
{
    public TcpProxy RedisLink => redisLink;

    public int SiloPort => siloPort;

    public RelayProcess Process { get; set; } = null!;

    /// <summary>The node's silo address as its status names it.</summary>
    public string Id { get; set; } = "";

    public Uri WsUrl => Process.WsUrl;

    public override string ToString() => Id;
}
