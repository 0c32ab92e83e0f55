namespace WebDevSync.Cluster.Tests.Faults;

/// <summary>A node joining under live traffic: the users already served go on without a break, and new users are served through the new node.</summary>
public sealed class NodeJoinTests
{
    private static readonly TimeSpan ServedWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_node_joining_under_load_interrupts_nobody_and_serves_new_users()
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        await using var load = await Workload.StartAsync(cluster);
        await cluster.AddNodeAsync();
        await cluster.ConvergedAsync();
        await using var late = await Workload.StartAsync(cluster, users: 3, prefix: "late", firstNode: 2);
        await load.ServedAgainAsync(ServedWithin);
        await load.CheckAsync(ServedWithin);
        await late.CheckAsync(ServedWithin);
        var own = (await cluster.Nodes[2].Process.StatusAsync()).GetProperty("cluster").GetProperty("connections");
        Assert.True(own.GetProperty("browser").GetInt32() + own.GetProperty("desktop").GetInt32() > 0, "the new node serves some of the new users' clients");
    }
}
