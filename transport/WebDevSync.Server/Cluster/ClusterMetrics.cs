using Orleans.Runtime;
using Prometheus;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Cluster;

/// <summary>The cluster's part of <c>/web-dev-sync/metrics</c>: live silos, user grains active on this node, state writes; read at scrape time.</summary>
internal static class ClusterMetrics
{
    public static void Register(RelayStats stats, LocalNode node, IClusterMembershipService membership)
    {
        var f = Metrics.WithCustomRegistry(stats.Prometheus.Registry);
        var silos = f.CreateGauge("webdevsync_cluster_silos", "Relay nodes (Orleans silos) the membership counts active.");
        var grains = f.CreateGauge("webdevsync_cluster_user_grains", "User grains active on this node.");
        var writes = f.CreateCounter("webdevsync_cluster_state_writes_total", "Users' records written to Redis by the grains on this node.");
        stats.Prometheus.Registry.AddBeforeCollectCallback(() =>
        {
            silos.Set(membership.CurrentSnapshot.Members.Count(m => m.Value.Status == SiloStatus.Active));
            grains.Set(node.Activations);
            writes.IncTo(node.StateWrites);
        });
    }
}
