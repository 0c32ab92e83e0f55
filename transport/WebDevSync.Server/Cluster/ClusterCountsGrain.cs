using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>Holds each node's latest counts in memory; a node reports again within a second if this activation moved.</summary>
internal sealed class ClusterCountsGrain : Grain, IClusterCountsGrain
{
    private readonly Dictionary<string, NodeCounts> _nodes = new(StringComparer.Ordinal);

    public Task ReportAsync(NodeCounts counts)
    {
        _nodes[counts.Node] = counts;
        return Task.CompletedTask;
    }

    public Task<NodeCounts[]> AllAsync() => Task.FromResult(_nodes.Values.ToArray());
}
