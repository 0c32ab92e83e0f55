using System.Text.RegularExpressions;
namespace WebDevSync.Cluster.Tests.Routing;

/// <summary>Two and three relay nodes on one Redis act as one relay: a tab and its agent on different nodes route as on one.</summary>
public sealed class CrossNodeRoutingTests
{
    [Fact]
    public async Task Two_nodes_route_a_users_tab_and_agent_on_different_nodes_as_one_relay_whichever_node_has_the_users_grain()
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        // A user's grain starts where their first client lands (the tab here): a serves alice, b serves bob.
        await Task.WhenAll(
            EditFlow.RunAsync(a, b, b, "alice"),
            EditFlow.RunAsync(b, a, a, "bob"));
    }

    [Fact]
    public async Task Three_nodes_route_a_user_whose_tab_comes_back_on_a_third_node()
    {
        await using var cluster = await RelayCluster.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await EditFlow.RunAsync(a, b, c, "carol");
    }

    [Fact]
    public async Task Every_nodes_status_counts_the_whole_relays_connections_and_sessions_and_its_own_under_cluster()
    {
        await using var cluster = await RelayCluster.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var (tab, _) = await Clients.TabAsync(a, "dave-tab", "dave");
        await using var _1 = tab;
        await using var agent = await Clients.AgentAsync(b, "dave-agent", "dave");
        await tab.ExpectAsync("desktop_status");
        await tab.SendAsync(Msg.EditRequest("dave-s", "code-1", "v0"));
        await agent.ExpectAsync("edit_request");

        // The seed's counts through any node are the relay's; each node's own connections are under cluster.
        foreach (var node in cluster.Nodes)
            await node.Process.WaitForStatusAsync(s => Whole(s) == (1, 1, 1) && s.GetProperty("cluster").GetProperty("nodes").GetInt32() == 3, $"{node}'s view of the relay");
        Assert.Equal((1, 0), Own(await a.Process.StatusAsync()));
        Assert.Equal((0, 1), Own(await b.Process.StatusAsync()));
        Assert.Equal((0, 0), Own(await c.Process.StatusAsync()));

        // The metrics name the cluster: its silos, this node's user grains and their state writes. A grain
        // writes an edit request behind (on its next tick, within a second), so the count is polled for.
        using var http = new HttpClient { BaseAddress = a.Process.HttpUrl };
        var metrics = await MetricsWhenAsync(http, m => Regex.IsMatch(m, @"webdevsync_cluster_state_writes_total [1-9]"));
        Assert.Contains("webdevsync_cluster_silos 3", metrics);
        Assert.Contains("webdevsync_cluster_user_grains 1", metrics);
        Assert.Matches(@"webdevsync_cluster_state_writes_total [1-9]", metrics);
    }

    private static async Task<string> MetricsWhenAsync(HttpClient http, Func<string, bool> ready)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var metrics = await http.GetStringAsync("web-dev-sync/metrics");
            if (ready(metrics) || DateTime.UtcNow > deadline) return metrics;
            await Task.Delay(100);
        }
    }

    private static (int, int, int) Whole(JsonElement s) => (RelayStatus.Browsers(s), RelayStatus.Desktops(s), RelayStatus.Sessions(s));

    private static (int Browsers, int Desktops) Own(JsonElement status)
    {
        var connections = status.GetProperty("cluster").GetProperty("connections");
        return (connections.GetProperty("browser").GetInt32(), connections.GetProperty("desktop").GetInt32());
    }
}
