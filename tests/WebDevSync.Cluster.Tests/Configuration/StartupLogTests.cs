namespace WebDevSync.Cluster.Tests.Configuration;

/// <summary>A node's start says what an operator needs and no false alarm.</summary>
public sealed class StartupLogTests
{
    [Fact]
    public async Task A_node_starting_and_joining_prints_no_watchdog_warning()
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        Assert.All(cluster.Nodes, n =>
        {
            Assert.DoesNotContain("Participant check thread has not completed", n.Process.Output);
            Assert.DoesNotContain("Orleans.Runtime.Watchdog", n.Process.Output);
        });
    }
}
