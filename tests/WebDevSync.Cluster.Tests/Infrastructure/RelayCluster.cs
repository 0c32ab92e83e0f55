using WebDevSync.Core.Cluster;

namespace WebDevSync.Cluster.Tests.Infrastructure;

/// <summary>
/// A Redis server and several real relay processes started with <c>--redis</c>, as an operator runs them;
/// nodes can be killed with SIGKILL and new ones started. Each test gets its own.
/// </summary>
public sealed class RelayCluster : IAsyncDisposable
{
    private readonly List<RelayProcess> _all = [];

    private readonly string? _secret;

    private RelayCluster(RedisServer redis, string? secret) => (Redis, _secret) = (redis, secret);

    public RedisServer Redis { get; }

    /// <summary>The nodes alive, in start order.</summary>
    public List<Node> Nodes { get; } = [];

    /// <summary>With a <paramref name="secret"/> every node verifies tokens (SESSION_SECRET).</summary>
    public static async Task<RelayCluster> StartAsync(int nodes, string? secret = null)
    {
        var cluster = new RelayCluster(await RedisServer.StartAsync(), secret);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, nodes).Select(_ => cluster.AddNodeAsync()));
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
        var process = await RelayProcess.StartAsync(["--redis", Redis.Configuration], _secret is null ? null : new Dictionary<string, string> { ["SESSION_SECRET"] = _secret });
        lock (_all) _all.Add(process);
        var status = await process.StatusAsync();
        var node = new Node(process, status.GetProperty("cluster").GetProperty("node").GetString()!);
        lock (Nodes) Nodes.Add(node);
        return node;
    }

    /// <summary>Waits until every node sees exactly the live nodes (their heartbeats read back from Redis).</summary>
    public async Task ConvergedAsync()
    {
        var ids = Nodes.Select(n => n.Id).Order().ToArray();
        foreach (var node in Nodes)
            await node.Process.WaitForStatusAsync(s => NodeIds(s).SequenceEqual(ids), $"node {node.Id} to see {string.Join(", ", ids)}");
    }

    /// <summary>SIGKILL of a node: nothing is flushed, its heartbeat simply stops.</summary>
    public async Task KillAsync(Node node)
    {
        node.Process.Kill();
        Nodes.Remove(node);
    }

    public Node OwnerOf(string userId) => Nodes.Single(n => n.Id == Rendezvous.OwnerOf(userId, Nodes.Select(x => x.Id)));

    /// <summary>A fresh user id the live nodes agree <paramref name="owner"/> owns.</summary>
    public string UserOwnedBy(Node owner, string prefix) =>
        Enumerable.Range(0, 10_000).Select(i => $"{prefix}-{i}").First(u => OwnerOf(u) == owner);

    public static IEnumerable<string> NodeIds(JsonElement status) =>
        status.GetProperty("cluster").GetProperty("nodeIds").EnumerateArray().Select(e => e.GetString()!).Order();

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _all) await p.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>One relay process of the cluster, with its node id.</summary>
public sealed record Node(RelayProcess Process, string Id)
{
    public Uri WsUrl => Process.WsUrl;

    public override string ToString() => Id;
}
