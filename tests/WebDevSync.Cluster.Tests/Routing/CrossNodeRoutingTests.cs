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
    }

    [Fact]
    public async Task Each_nodes_status_counts_what_it_routes_and_the_whole_clusters_connections_users_and_sessions_once()
    {
        await using var cluster = await RelayCluster.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var user = cluster.UserOwnedBy(c, "dave");
        var (tab, _) = await Clients.TabAsync(a, "dave-tab", user);
        await using var _1 = tab;
        await using var agent = await Clients.AgentAsync(b, "dave-agent", user);
        await tab.ExpectAsync("desktop_status");
        await tab.SendAsync(Msg.EditRequest("dave-s", "code-1", "v0"));
        await agent.ExpectAsync("edit_request");

        // The owner routes both connections; the nodes they landed on only proxy them.
        await c.Process.WaitForStatusAsync(s => (RelayStatus.Browsers(s), RelayStatus.Desktops(s), RelayStatus.Sessions(s)) == (1, 1, 1), "the owner's own counts");
        Assert.Equal((0, 0, 0), Own(await a.Process.StatusAsync()));
        foreach (var node in cluster.Nodes)
            await node.Process.WaitForStatusAsync(s => ClusterCounts(s) == (3, "up", 1, 1, 1, 1), $"{node}'s view of the cluster");
    }

    private static (int, int, int) Own(JsonElement s) => (RelayStatus.Browsers(s), RelayStatus.Desktops(s), RelayStatus.Sessions(s));

    private static (int Nodes, string? Redis, int Browsers, int Desktops, int Users, int Sessions) ClusterCounts(JsonElement status)
    {
        var c = status.GetProperty("cluster");
        var connections = c.GetProperty("connections");
        return (c.GetProperty("nodes").GetInt32(), c.GetProperty("redis").GetString(), connections.GetProperty("browser").GetInt32(),
            connections.GetProperty("desktop").GetInt32(), c.GetProperty("users").GetInt32(), c.GetProperty("sessions").GetInt32());
    }
}
