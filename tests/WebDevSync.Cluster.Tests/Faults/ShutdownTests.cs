using System.Diagnostics;

namespace WebDevSync.Cluster.Tests.Faults;

/// <summary>
/// A node told to stop (SIGTERM) while Redis is out of its reach does not wait on Orleans's retries: it exits 0
/// within its stated bound (8 s, <c>ClusterShutdown</c>), and the other node serves its users with every acknowledged save.
/// </summary>
public sealed class ShutdownTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan ServedWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_node_stopped_while_its_link_to_redis_is_cut_exits_0_within_8_s_and_the_other_node_serves_its_users()
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        await using var load = await Workload.StartAsync(cluster, users: 2);
        var node = cluster.Nodes[0];
        node.RedisLink.Cut();
        var clock = Stopwatch.StartNew();
        await cluster.TerminateAsync(node);
        var code = await node.Process.ExitCodeAsync();
        output.WriteLine($"exited {code} after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(0, code);
        // The bound, and the time a loaded machine takes to schedule the exit once it is due.
        Assert.True(clock.Elapsed < Bound + TimeSpan.FromSeconds(2), $"stopping took {clock.Elapsed.TotalSeconds:F1} s:\n{node.Process.Output}");
        await load.ServedAgainAsync(ServedWithin);
        await load.CheckAsync(ServedWithin);
    }
}
