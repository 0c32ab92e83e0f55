using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Runtime;
using WebDevSync.Core.Routing;
using WebDevSync.Server.Relay;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// The status endpoint in a cluster: the seed's counts for the whole relay (every live node's last report,
/// this node's own as of now) and, under <c>cluster</c>, this node: its id, the live nodes and its own counts.
/// </summary>
internal static class ClusterStatus
{
    public static async Task<JsonObject> OfAsync(RelayStats stats, LocalNode node, ClusterGate gate, IClusterMembershipService membership, IGrainFactory grains)
    {
        var own = node.Own(gate);
        var live = membership.CurrentSnapshot.Members.Where(m => m.Value.Status == SiloStatus.Active).Select(m => m.Key.ToString()).Order(StringComparer.Ordinal).ToArray();
        NodeCounts[] reported;
        try
        {
            reported = await grains.GetGrain<IClusterCountsGrain>(0).AllAsync().WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reported = []; // the cluster's counts are unreachable for now: this node's own stand in
        }
        var counts = reported.Where(c => c.Node != own.Node && live.Contains(c.Node)).Append(own).ToList();
        var total = new StatusCounts(counts.Sum(c => c.Browsers), counts.Sum(c => c.Agents), counts.Sum(c => c.Users), counts.Sum(c => c.Sessions));
        var status = JsonSerializer.SerializeToNode(Http.StatusEndpoints.Status(total, stats))!.AsObject();
        status["cluster"] = JsonSerializer.SerializeToNode(new
        {
            node = own.Node,
            nodes = live.Length,
            nodeIds = live,
            connections = new { browser = own.Browsers, desktop = own.Agents },
            users = own.Users,
            sessions = own.Sessions,
            grains = node.Activations,
            stateWrites = node.StateWrites,
        });
        return status;
    }
}
