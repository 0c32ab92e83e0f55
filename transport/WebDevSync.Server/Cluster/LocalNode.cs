using System.Collections.Concurrent;
using Orleans.Runtime;
using WebDevSync.Core.Routing;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// This node as its user grains and its gate see it: its silo, its links (<see cref="NodeLinks"/>, and the
/// observer reference other nodes' grains reach them by), and what the grains active here hold (for status and metrics).
/// </summary>
internal sealed class LocalNode(IServiceProvider services, NodeLinks links, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, RouterState> _users = new(StringComparer.Ordinal);
    private INodeLink? _reference;
    private long _writes;

    public NodeLinks Links => links;

    public SiloAddress Silo => field ??= services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>The observer reference for this node's links, made once the silo runs.</summary>
    public INodeLink Reference => _reference ??= services.GetRequiredService<IGrainFactory>().CreateObjectReference<INodeLink>(links);

    public long StateWrites => Interlocked.Read(ref _writes);

    public int Activations => _users.Count;

    public void Wrote() => Interlocked.Increment(ref _writes);

    public void Activated(string userId, RouterState state) => _users[userId] = state;

    public void Stepped(string userId, RouterState state) => _users[userId] = state;

    /// <summary>The newest state of each user grain active here (immutable: safe to read from a scrape).</summary>
    public IEnumerable<RouterState> States => _users.Values;

    public void Deactivated(string userId) => _users.TryRemove(userId, out _);

    /// <summary>This node's own counts: the links accepted through it and the users of the grains active on it.</summary>
    public NodeCounts Own(ClusterGate gate)
    {
        var (browsers, agents) = gate.Counts();
        var (users, sessions) = GrainCounts();
        return new NodeCounts(Silo.ToString(), browsers, agents, users, sessions, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>Users with anything routed here, and their sessions.</summary>
    public (int Users, int Sessions) GrainCounts() =>
        _users.Values.Select(s => s.Counts()).Aggregate((Users: 0, Sessions: 0), (a, c) => (a.Users + c.Users, a.Sessions + c.Sessions));
}
