using System.Text.Json;
using System.Text.Json.Nodes;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// The status endpoint's <c>cluster</c> part: this node, whether Redis answers, and the cluster's counts as
/// the live nodes last published them with their heartbeats (each connection and user is counted once, by
/// the node that routes it).
/// </summary>
internal static class ClusterStatus
{
    public static JsonObject With(object nodeStatus, ClusterView view)
    {
        var status = JsonSerializer.SerializeToNode(nodeStatus)!.AsObject();
        var state = view.State;
        var counts = view.NodeCounts.Where(kv => state.Nodes.Contains(kv.Key)).Select(kv => kv.Value).ToList();
        status["cluster"] = JsonSerializer.SerializeToNode(new
        {
            node = state.Self,
            redis = state.StoreUp ? "up" : "down",
            nodes = state.Nodes.Count,
            nodeIds = state.Nodes.ToArray(),
            connections = new { browser = counts.Sum(c => c.Browsers), desktop = counts.Sum(c => c.Agents) },
            users = counts.Sum(c => c.Users),
            sessions = counts.Sum(c => c.Sessions),
        });
        return status;
    }
}
