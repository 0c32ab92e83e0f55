namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// A relay that restarts with no memory (a second in-process server on a new port): the agent
/// re-announces its open sessions in desktop_connect, so saves still reach the reconnecting tab.
/// </summary>
public sealed class RestartTests
{
    private static string Announce(string browserConnectionId, string sessionId = "s1", string textareaId = "t1") =>
        Msg.DesktopConnect("d1", "alice", [new Announced(sessionId, textareaId, "js", browserConnectionId)]);

    /// <summary>A first server where b1 opened s1 in d1's editor and saw one save; it is then stopped.</summary>
    private static async Task<long> FirstLifeAsync()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await server.AgentAsync("alice", "d1");
        await using var browser = await server.BrowserAsync("alice", "b1", expectDesktop: true);
        await browser.SendAsync(Msg.EditRequestAs("b1", "alice", "s1", "t1", "v0"));
        await agent.ExpectAsync("edit_request");
        await agent.SendAsync(Msg.CodeUpdateAs("d1", "alice", "s1", "t1", "v1"));
        var seen = (await browser.ExpectAsync("code_update")).Payload().GetProperty("seq").GetInt64();

        await server.StopAsync();
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, (await agent.ClosedAsync()).Status);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, (await browser.ClosedAsync()).Status);
        return seen;
    }

    [Fact]
    public async Task AgentReannouncing_AfterARestart_LetsALaterSaveReachTheReconnectingTab()
    {
        var seen = await FirstLifeAsync();
        await using var second = await TestServer.StartAsync();

        await using var agent = await second.ConnectAsync();
        await agent.SendAsync(Announce("b1"));
        await agent.ExpectAsync("connection_ack");
        await using var browser = await second.ConnectAsync();
        await browser.SendAsync(Msg.BrowserResume("b1", "alice", "s1", seen));
        await browser.ExpectAsync("connection_ack");
        Assert.True((await browser.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());
        await browser.AssertNothingPendingAsync();
        await agent.AssertNothingPendingAsync();

        await agent.SendAsync(Msg.CodeUpdateAs("d1", "alice", "s1", "t1", "v2 after restart"));
        var update = await browser.ExpectAsync("code_update");
        Assert.Equal("s1", update.Str("sessionId"));
        Assert.Equal("t1", update.Payload().Str("textareaId"));
        Assert.Equal("v2 after restart", update.Payload().Str("code"));
        Assert.True(update.Payload().GetProperty("seq").GetInt64() > seen);
    }

    [Fact]
    public async Task SaveMadeBeforeTheTabReturnsToTheRestartedServer_IsDeliveredRightAfterItsAck()
    {
        var seen = await FirstLifeAsync();
        await using var second = await TestServer.StartAsync();
        await using var agent = await second.ConnectAsync();
        await agent.SendAsync(Announce("b1"));
        await agent.ExpectAsync("connection_ack");
        await agent.SendAsync(Msg.CodeUpdateAs("d1", "alice", "s1", "t1", "saved during the outage"));
        await agent.AssertNothingPendingAsync();

        await using var browser = await second.ConnectAsync();
        await browser.SendAsync(Msg.BrowserResume("b1", "alice", "s1", seen));
        await browser.ExpectAsync("connection_ack");
        await browser.ExpectAsync("desktop_status");
        Assert.Equal("saved during the outage", (await browser.ExpectAsync("code_update")).Payload().Str("code"));
    }

    [Fact]
    public async Task BrowserReturningFirst_ThenTheAgentReannouncing_StillRoutesSaves()
    {
        await FirstLifeAsync();
        await using var second = await TestServer.StartAsync();
        await using var browser = await second.BrowserAsync("alice", "b1", expectDesktop: false);
        await using var agent = await second.ConnectAsync();
        await agent.SendAsync(Announce("b1"));
        await agent.ExpectAsync("connection_ack");
        Assert.True((await browser.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());
        await agent.SendAsync(Msg.CodeUpdateAs("d1", "alice", "s1", "t1", "v2"));
        Assert.Equal("v2", (await browser.ExpectAsync("code_update")).Payload().Str("code"));
    }

    /// <summary>Also with four router shards, where alice and bob are routed by different ones.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task AnnouncingASessionForAnotherUsersBrowser_IsRefused_AndThatBrowserHearsNothing(int shards)
    {
        await using var server = await TestServer.StartAsync(o => o with { RouterShards = shards });
        await using var bob = await server.BrowserAsync("bob", "b-bob", expectDesktop: false);
        await using var agent = await server.ConnectAsync();
        await agent.SendAsync(Announce("b-bob", "s-steal"));
        await agent.ExpectAsync("connection_ack");
        var refused = await agent.ExpectAsync("session_closed");
        Assert.Equal("s-steal", refused.Str("sessionId"));

        await agent.SendAsync(Msg.CodeUpdateAs("d1", "alice", "s-steal", "t1", "leak?"));
        await agent.ExpectErrorAsync("SESSION_NOT_FOUND");
        await bob.AssertNothingPendingAsync();
    }
}
