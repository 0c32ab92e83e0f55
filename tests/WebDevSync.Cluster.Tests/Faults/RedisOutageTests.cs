using System.Net;
using static WebDevSync.Cluster.Tests.Infrastructure.Clients;

namespace WebDevSync.Cluster.Tests.Faults;

/// <summary>Redis stopped and started again: the nodes say so in their health, refuse connects with a clear code, never crash, and recover by themselves.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task While_redis_is_down_health_says_so_and_connects_get_INTERNAL_and_when_it_is_back_the_nodes_recover_without_a_restart()
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        Assert.Equal((HttpStatusCode.OK, "ok"), await HealthAsync(a));
        // A save waits for an away tab when Redis goes (and comes back empty: it keeps nothing on disk).
        var ivy = cluster.UserOwnedBy(a, "ivy");
        var (tab, _) = await TabAsync(b, "ivy-tab", ivy);
        await using var agent = await AgentAsync(a, "ivy-agent", ivy);
        await tab.ExpectAsync("desktop_status");
        await tab.SendAsync(Msg.EditRequest("ivy-s", "code-1", "v0"));
        await agent.ExpectAsync("edit_request");
        await tab.CloseAsync();
        await tab.DisposeAsync();
        await agent.SendAsync(Msg.CodeUpdate("ivy-s", "code-1", "v1 saved before the outage"));
        await agent.AssertNothingPendingAsync();

        await cluster.Redis.StopAsync();
        foreach (var node in cluster.Nodes)
            await Poll.UntilAsync(async () => await HealthAsync(node) == (HttpStatusCode.ServiceUnavailable, "redis: down"), $"{node} to report redis down");
        await a.Process.WaitForStatusAsync(s => s.GetProperty("cluster").GetProperty("redis").GetString() == "down", "the status to say redis is down");
        await using (var refused = await JsonWsClient.ConnectAsync(b.WsUrl))
        {
            await refused.SendAsync(Msg.BrowserConnect("early-tab", "gina"));
            var error = await refused.ExpectErrorAsync("INTERNAL");
            Assert.Contains("Redis", error.Payload().Str("message"));
            await refused.AssertNothingPendingAsync(); // the connection stays usable
        }

        await cluster.Redis.StartAgainAsync();
        foreach (var node in cluster.Nodes)
            await Poll.UntilAsync(async () => await HealthAsync(node) == (HttpStatusCode.OK, "ok"), $"{node} to report redis up again");
        await cluster.ConvergedAsync();
        Assert.All(cluster.Nodes, n => Assert.False(n.Process.HasExited));
        await Routing.EditFlow.RunAsync(a, b, b, cluster.UserOwnedBy(a, "gina"));

        // The owner wrote what it held back into the empty Redis: when it dies, the tab resumes on the other node.
        await cluster.KillAsync(a);
        await using var back = await ReconnectTabAsync(b, "ivy-tab", ivy, [("ivy-s", 0)]);
        Assert.Equal("v1 saved before the outage", (await back.WaitForAsync("code_update")).Code());
    }

    [Fact]
    public async Task A_node_started_while_redis_is_down_says_so_refuses_connects_and_serves_once_redis_is_up()
    {
        await using var redis = RedisServer.NotStarted();
        await using var node = await RelayProcess.StartAsync(["--redis", redis.Configuration]);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "redis: down"), await HealthAsync(node));
        await using (var refused = await JsonWsClient.ConnectAsync(node.WsUrl))
        {
            await refused.SendAsync(Msg.BrowserConnect("too-early", "jack"));
            await refused.ExpectErrorAsync("INTERNAL");
        }

        await redis.StartAgainAsync();
        await Poll.UntilAsync(async () => await HealthAsync(node) == (HttpStatusCode.OK, "ok"), "the node to find redis");
        var (tab, present) = await TabAsync(new Node(node, "only"), "jack-tab", "jack");
        await using var _ = tab;
        Assert.False(present);
    }

    private static Task<(HttpStatusCode, string)> HealthAsync(Node node) => HealthAsync(node.Process);

    private static async Task<(HttpStatusCode, string)> HealthAsync(RelayProcess process)
    {
        using var http = new HttpClient { BaseAddress = process.HttpUrl, Timeout = Timeouts.Wait };
        using var response = await http.GetAsync("web-dev-sync/healthz");
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
    }
}
