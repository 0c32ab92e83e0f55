using static WebDevSync.Cluster.Tests.Infrastructure.Clients;

namespace WebDevSync.Cluster.Tests.Routing;

/// <summary>One user's whole edit flow with the tab and the agent on chosen nodes, checked message by message as on one relay.</summary>
public static class EditFlow
{
    public static async Task RunAsync(Node tabNode, Node agentNode, Node resumeNode, string user)
    {
        var (tab, present) = await TabAsync(tabNode, $"tab-{user}", user);
        await using var _ = tab;
        Assert.False(present);
        await tab.SendAsync(Msg.EditRequest($"s-{user}", "code-1", "v0"));
        await tab.ExpectErrorAsync("NO_DESKTOP");

        await using var agent = await AgentAsync(agentNode, $"agent-{user}", user);
        Assert.True((await tab.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());

        await tab.SendAsync(Msg.EditRequest($"s-{user}", "code-1", "v0"));
        var request = await agent.ExpectAsync("edit_request");
        Assert.Equal("v0", request.Code());
        Assert.Equal($"tab-{user}", request.Payload().Str("browserConnectionId"));

        await agent.SendAsync(Msg.CodeUpdate($"s-{user}", "code-1", "v1"));
        var first = await tab.ExpectAsync("code_update");
        Assert.Equal(("v1", 1L), (first.Code(), SeqOf(first)));
        await agent.SendAsync(Msg.CodeUpdate($"s-{user}", "code-1", "v2"));
        Assert.Equal(2, SeqOf(await tab.ExpectAsync("code_update")));

        await agent.SendAsync(Msg.CodeUpdate("no-such-session", "code-1", "x"));
        await agent.ExpectErrorAsync("SESSION_NOT_FOUND");
        await tab.SendAsync("""{"type":"nonsense"}""");
        await tab.ExpectErrorAsync("UNKNOWN_TYPE");
        await tab.SendAsync("{not json");
        await tab.ExpectErrorAsync("INVALID_MESSAGE");

        // The tab goes away; a save waits for it; it comes back on another node with its cursor and gets it.
        await tab.CloseAsync();
        await agent.SendAsync(Msg.CodeUpdate($"s-{user}", "code-1", "v3"));
        await agent.AssertNothingPendingAsync();
        var (back, stillPresent) = await TabAsync(resumeNode, $"tab-{user}", user, [($"s-{user}", 2)]);
        await using var __ = back;
        Assert.True(stillPresent);
        var missed = await back.ExpectAsync("code_update");
        Assert.Equal(("v3", 3L), (missed.Code(), SeqOf(missed)));

        await agent.SendAsync(Msg.SessionClosed($"s-{user}", "editor_closed"));
        Assert.Equal("editor_closed", (await back.ExpectAsync("session_closed")).Payload().Str("reason"));
        await agent.CloseAsync();
        Assert.False((await back.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());
        await back.AssertNothingPendingAsync();
    }
}
