using System.Collections.Immutable;
using WebDevSync.Core.Cluster;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// This node's <see cref="ClusterState"/>, stepped by <see cref="ClusterStep"/> one input at a time; the
/// state is immutable, so the routing path reads it without a lock. Also the counts each node last
/// published with its heartbeat, for the status endpoint.
/// </summary>
internal sealed class ClusterView(ClusterStore store)
{
    /// <summary>How long a heartbeat lives in Redis; a node not heard of for this long is gone.</summary>
    public static readonly TimeSpan HeartbeatTtl = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(1);

    private readonly Lock _stepping = new();
    private ClusterState _state = ClusterState.Start(store.NodeId);

    public ClusterState State => Volatile.Read(ref _state);

    public ImmutableSortedDictionary<string, StatusCounts> NodeCounts { get; set; } = ImmutableSortedDictionary<string, StatusCounts>.Empty;

    public ImmutableList<ClusterEffect> Apply(ClusterInput input)
    {
        lock (_stepping)
        {
            var (next, effects) = ClusterStep.Step(_state, input, (long)HeartbeatTtl.TotalMilliseconds);
            Volatile.Write(ref _state, next);
            return effects;
        }
    }
}
