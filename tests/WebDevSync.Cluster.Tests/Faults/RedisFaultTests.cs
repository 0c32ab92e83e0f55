namespace WebDevSync.Cluster.Tests.Faults;

/// <summary>
/// Redis trouble under live traffic: one node's link to Redis cut for 10 s, and Redis restarted empty. Saves
/// that cannot be made durable are refused (INTERNAL), never acknowledged; once Redis answers again every
/// client is served, and every acknowledged save is at its tab.
/// </summary>
public sealed class RedisFaultTests
{
    private static readonly TimeSpan ServedWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_nodes_link_to_redis_cut_for_10_s_loses_no_acknowledged_save_and_every_client_is_served_again_within_30_s()
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        await using var load = await Workload.StartAsync(cluster);
        var cut = cluster.Nodes[0];
        cut.RedisLink.Cut();
        await Task.Delay(TimeSpan.FromSeconds(10)); // the fault's length, not a synchronisation
        cut.RedisLink.Restore();
        await load.ServedAgainAsync(ServedWithin);
        await load.CheckAsync(ServedWithin);
        Assert.All(cluster.Nodes, n => Assert.False(n.Process.HasExited, $"{n} exited:\n{n.Process.Output}"));
    }

    [Fact]
    public async Task Redis_restarted_empty_loses_no_save_a_tab_has_and_every_client_is_served_again_within_30_s()
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        await using var load = await Workload.StartAsync(cluster);
        await cluster.Redis.StopAsync();
        await cluster.Redis.StartAgainAsync();
        await load.ServedAgainAsync(ServedWithin);
        await load.CheckAsync(ServedWithin);
    }
}
