using WebDevSync.Cluster.Tests.Infrastructure;

namespace WebDevSync.Cluster.Tests.Routing;

/// <summary>Two and three relay nodes on one Redis act as one relay: a tab and its agent on different nodes route as on one.</summary>
public sealed class CrossNodeRoutingTests
{
    [Fact]
    public async Task Two_nodes_route_a_users_tab_and_agent_on_different_nodes_as_one_relay_whichever_node_owns_the_user()
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        // The owner serves one side locally and the other through the proxy, in both directions.
        await Task.WhenAll(
            EditFlow.RunAsync(a, b, b, cluster.UserOwnedBy(a, "alice")),
            EditFlow.RunAsync(a, b, a, cluster.UserOwnedBy(b, "bob")));
    }

    [Fact]
    public async Task Three_nodes_route_a_user_whose_tab_and_agent_are_both_on_nodes_that_do_not_own_them()
    {
        await using var cluster = await RelayCluster.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await EditFlow.RunAsync(a, b, a, cluster.UserOwnedBy(c, "carol"));
        // The cluster's status counts every node's users and sessions once.
        await a.Process.WaitForStatusAsync(s => s.GetProperty("cluster").GetProperty("nodes").GetInt32() == 3
            && s.GetProperty("cluster").GetProperty("redis").GetString() == "up", "the cluster's status");
    }
}
