namespace WebDevSync.Cluster.Tests.Faults;

/// <summary>An upgrade: every node stopped (SIGTERM) and started again, one after another, under live traffic; no acknowledged save is lost.</summary>
public sealed class RollingRestartTests
{
    private static readonly TimeSpan ServedWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Restarting_every_node_in_turn_under_load_loses_no_acknowledged_save()
    {
        await using var cluster = await RelayCluster.StartAsync(3);
        await using var load = await Workload.StartAsync(cluster, users: 6);
        foreach (var node in cluster.Nodes.ToList())
        {
            await cluster.RestartAsync(node);
            await cluster.ConvergedAsync();
            await load.ServedAgainAsync(ServedWithin);
        }
        await load.CheckAsync(ServedWithin);
    }
}
