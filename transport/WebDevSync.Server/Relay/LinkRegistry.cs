using System.Collections.Concurrent;
using WebDevSync.Core.Routing;
using WebDevSync.Server.Configuration;

namespace WebDevSync.Server.Relay;

/// <summary>Numbers connections and keeps each live link with its throttle and placement.</summary>
internal sealed class LinkRegistry(ServerOptions options)
{
    private readonly ConcurrentDictionary<ConnId, Registration> _links = new();
    // In a cluster a user's grain holds connections of every node: each node numbers from a random base of
    // its own (2^32 apart), so two nodes' ids meet only if one node opens billions of connections.
    private long _nextId = options.Redis is null ? 0 : Random.Shared.NextInt64(1, 1L << 30) << 32;

    public ConnId NextId() => new(Interlocked.Increment(ref _nextId));

    public Registration Add(IClientLink link) =>
        _links[link.Id] = new Registration(link, new MessageThrottle(options.MessageRateLimit, options.MessageBurst));

    /// <summary>The link's registration, or null once it is gone; looked up once per message (the hot path).</summary>
    public Registration? Find(ConnId id) => _links.GetValueOrDefault(id);

    public bool TryRemove(ConnId id, out Registration registration) => _links.TryRemove(id, out registration!);

    public ICollection<Registration> All => _links.Values;

    /// <summary>Each link's outgoing queue depth, for the metrics.</summary>
    public IEnumerable<int> QueueDepths() => All.Select(r => r.Link is OutboundPump p ? p.QueueDepth : 0);

    /// <summary>Refills every link's message bucket (once a second, from <see cref="RelayTicker"/>).</summary>
    public void ReplenishAll()
    {
        foreach (var reg in All) reg.Throttle.Replenish();
    }
}
