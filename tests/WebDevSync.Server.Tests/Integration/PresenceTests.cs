namespace WebDevSync.Server.Tests.Integration;

/// <summary>desktop_status on a user's first agent arriving and last agent leaving; the newest agent gets edits.</summary>
public sealed class PresenceTests
{
    private static bool Connected(System.Text.Json.JsonElement status) => status.Payload().GetProperty("connected").GetBoolean();

    [Fact]
    public async Task DesktopStatus_IsSentOnFirstAgentArriving_AndLastAgentLeaving_Only()
    {
        await using var server = await TestServer.StartAsync();
        await using var tab1 = await server.BrowserAsync("alice", "tab-1", expectDesktop: false);
        await using var tab2 = await server.BrowserAsync("alice", "tab-2", expectDesktop: false);

        var agent1 = await server.AgentAsync("alice", "d1");
        Assert.True(Connected(await tab1.ExpectAsync("desktop_status")));
        Assert.True(Connected(await tab2.ExpectAsync("desktop_status")));

        var agent2 = await server.AgentAsync("alice", "d2");
        await tab1.AssertNothingPendingAsync();

        await agent1.DisposeAsync();
        await server.WaitForCountsAsync(desktops: 1);
        await tab1.AssertNothingPendingAsync();
        await tab2.AssertNothingPendingAsync();

        await agent2.DisposeAsync();
        Assert.False(Connected(await tab1.ExpectAsync("desktop_status")));
        Assert.False(Connected(await tab2.ExpectAsync("desktop_status")));
    }

    [Fact]
    public async Task BrowserArrivingAfterTheAgent_HearsConnectedRightAfterItsAck()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await server.AgentAsync("alice", "d1");
        await using var browser = await server.BrowserAsync("alice", "b1", expectDesktop: true);
        await browser.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task EditRequest_GoesToTheMostRecentlyConnectedAgent_AndFallsBackWhenItLeaves()
    {
        await using var server = await TestServer.StartAsync();
        await using var older = await server.AgentAsync("alice", "d-old");
        var newer = await server.AgentAsync("alice", "d-new");
        await using var browser = await server.BrowserAsync("alice", "b1", expectDesktop: true);

        await browser.SendAsync(Msg.EditRequestAs("b1", "alice", "s1", "t", "x"));
        Assert.Equal("s1", (await newer.ExpectAsync("edit_request")).Str("sessionId"));
        await older.AssertNothingPendingAsync();

        await newer.DisposeAsync();
        await server.WaitForCountsAsync(desktops: 1);
        await browser.AssertNothingPendingAsync(); // one agent is left: no status change
        await browser.SendAsync(Msg.EditRequestAs("b1", "alice", "s2", "t", "y"));
        Assert.Equal("s2", (await older.ExpectAsync("edit_request")).Str("sessionId"));
    }

    [Fact]
    public async Task AgentReconnectingWithItsConnectionId_ReplacesTheOldSocket_WhichIsClosed()
    {
        await using var server = await TestServer.StartAsync();
        await using var first = await server.AgentAsync("alice", "d1");
        await using var browser = await server.BrowserAsync("alice", "b1", expectDesktop: true);
        await using var second = await server.AgentAsync("alice", "d1");
        var (status, reason) = await first.ClosedAsync();
        Assert.Equal(4001, (int?)status);
        Assert.False(string.IsNullOrEmpty(reason));

        await browser.SendAsync(Msg.EditRequestAs("b1", "alice", "s1", "t", "x"));
        await second.ExpectAsync("edit_request");
        // The user never lost its agent: nothing but a repeated "connected" may have reached the tab.
        await browser.SendAsync("""{"type":"ping"}""");
        await browser.WaitForAsync("pong");
        Assert.All(browser.Skipped, f => Assert.True(f.Type == "desktop_status" && Connected(f.Json), f.Text));
    }
}
