namespace WebDevSync.Cluster.Tests.Faults;

/// <summary>
/// kill -9 of each node in turn under live traffic (users whose grain, tab or agent is on it) loses no
/// acknowledged save: the others find it dead within seconds, its users' grains start again elsewhere from
/// Redis, and every client that reconnects is served; the node, started again, rejoins.
/// </summary>
public sealed class NodeKillTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan ServedWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Killing_each_node_in_turn_under_load_loses_no_acknowledged_save_and_every_client_is_served_again_within_20_s()
    {
        await using var cluster = await RelayCluster.StartAsync(3);
        await using var load = await Workload.StartAsync(cluster, users: 6);
        foreach (var node in cluster.Nodes.ToList())
        {
            await cluster.KillAsync(node);
            output.WriteLine($"killed {node}: every user served again after {(await load.ServedAgainAsync(ServedWithin)).TotalSeconds:F1} s");
            await load.CheckAsync(ServedWithin);
            await cluster.RestartAsync(node);
            await cluster.ConvergedAsync();
        }
        await load.ServedAgainAsync(ServedWithin);
        await load.CheckAsync(ServedWithin);
    }
}
