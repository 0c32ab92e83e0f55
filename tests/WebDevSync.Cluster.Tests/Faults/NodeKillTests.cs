using static WebDevSync.Cluster.Tests.Infrastructure.Clients;

namespace WebDevSync.Cluster.Tests.Faults;

/// <summary>
/// kill -9 of a node in the middle of a session loses no save: what resume needs is in Redis, the
/// clients reconnect to any node and resume there; a restarted node rejoins and serves its share.
/// </summary>
public sealed class NodeKillTests
{
    [Fact]
    public async Task Killing_the_node_that_owns_a_user_loses_no_save_made_while_the_tab_was_away_and_a_new_node_rejoins()
    {
        await using var cluster = await RelayCluster.StartAsync(3);
        var (a, b, owner) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var user = "dora";
        var (tab, _) = await TabAsync(a, "dora-tab", user);
        var agent = await AgentAsync(b, "dora-agent", user);
        await tab.ExpectAsync("desktop_status");
        await tab.SendAsync(Msg.EditRequest("dora-s", "code-1", "v0"));
        await agent.ExpectAsync("edit_request");
        await agent.SendAsync(Msg.CodeUpdate("dora-s", "code-1", "v1"));
        Assert.Equal(1, SeqOf(await tab.ExpectAsync("code_update")));

        // The tab drops; the save made while it is away is acknowledged by the owner (the pong after it), then the owner dies.
        await tab.CloseAsync();
        await agent.SendAsync(Msg.CodeUpdate("dora-s", "code-1", "v2 saved while the tab was away"));
        await agent.AssertNothingPendingAsync();
        await cluster.KillAsync(owner);

        // The agent's node closes what it proxied to the dead node; both clients come back elsewhere and resume.
        await agent.ClosedAsync();
        await using var agentBack = await ReconnectAgentAsync(b, "dora-agent", user, [new Announced("dora-s", "code-1", "js", "dora-tab")]);
        await using var tabBack = await ReconnectTabAsync(a, "dora-tab", user, [("dora-s", 1)]);
        var missed = await tabBack.WaitForAsync("code_update");
        Assert.Equal("v2 saved while the tab was away", missed.Code());
        Assert.True(SeqOf(missed) > 1);
        await agentBack.SendAsync(Msg.CodeUpdate("dora-s", "code-1", "v3 after the failover"));
        var next = await tabBack.WaitForAsync("code_update");
        Assert.Equal("v3 after the failover", next.Code());
        Assert.True(SeqOf(next) > SeqOf(missed));

        // A node started again joins; its users are served through it, wherever their clients land.
        var joined = await cluster.AddNodeAsync();
        await cluster.ConvergedAsync();
        await Routing.EditFlow.RunAsync(a, b, a, "erin");
        await tab.DisposeAsync();
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task Killing_the_node_a_tab_was_on_loses_no_save_the_tab_comes_back_on_another_node_and_gets_it()
    {
        await using var cluster = await RelayCluster.StartAsync(3);
        var (tabNode, agentNode, owner) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var user = "frank";
        var (tab, _) = await TabAsync(tabNode, "frank-tab", user);
        await using var agent = await AgentAsync(agentNode, "frank-agent", user);
        await tab.ExpectAsync("desktop_status");
        await tab.SendAsync(Msg.EditRequest("frank-s", "code-1", "v0"));
        await agent.ExpectAsync("edit_request");
        await agent.SendAsync(Msg.CodeUpdate("frank-s", "code-1", "v1"));
        Assert.Equal(1, SeqOf(await tab.ExpectAsync("code_update")));

        await cluster.KillAsync(tabNode);
        // The owner hears the node is gone: the tab is away, within its grace period.
        await owner.Process.WaitForStatusAsync(s => RelayStatus.Browsers(s) == 0, "the owner to count the tab gone");
        await agent.SendAsync(Msg.CodeUpdate("frank-s", "code-1", "v2 saved while the tab's node was dead"));
        await agent.AssertNothingPendingAsync();

        await using var back = await ReconnectTabAsync(agentNode, "frank-tab", user, [("frank-s", 1)]);
        var missed = await back.WaitForAsync("code_update");
        Assert.Equal(("v2 saved while the tab's node was dead", 2L), (missed.Code(), SeqOf(missed)));
        await tab.DisposeAsync();
    }
}
