namespace WebDevSync.Server.Tests.Integration;

/// <summary>/web-dev-sync/status reports exactly what the test set up: connections, users, sessions, messages, errors.</summary>
public sealed class StatusCountTests
{
    private static int Int(JsonElement status, string group, string name) => status.GetProperty(group).GetProperty(name).GetInt32();

    [Fact]
    public async Task FreshServer_ReportsActiveAndZeroCounts()
    {
        await using var server = await TestServer.StartAsync();
        var status = await server.StatusAsync();
        Assert.True(status.GetProperty("active").GetBoolean());
        Assert.True(status.GetProperty("uptime").GetDouble() >= 0);
        Assert.Equal(0, Int(status, "connections", "browser"));
        Assert.Equal(0, Int(status, "connections", "desktop"));
        Assert.Equal(0, Int(status, "sessions", "users"));
        Assert.Equal(0, Int(status, "sessions", "active"));
        Assert.Equal(0, Int(status, "messages", "received"));
        Assert.Equal(0, Int(status, "messages", "sent"));
        Assert.Empty(status.GetProperty("errors").GetProperty("byCode").EnumerateObject());
    }

    [Fact]
    public async Task Status_CountsWhatTheTestSetUp_AndFollowsDisconnects()
    {
        await using var server = await TestServer.StartAsync();
        // Agents first, so the only desktop_status messages are the ones right after each browser's ack.
        await using var aliceAgent = await server.AgentAsync("alice", "d-alice");
        var carolAgent = await server.AgentAsync("carol", "d-carol");
        var aliceTab1 = await server.BrowserAsync("alice", "b-a1", expectDesktop: true);
        await using var aliceTab2 = await server.BrowserAsync("alice", "b-a2", expectDesktop: true);
        await using var bobTab = await server.BrowserAsync("bob", "b-bob", expectDesktop: false);
        await using var stranger = await server.ConnectAsync();

        await aliceTab1.SendAsync(Msg.EditRequestAs("b-a1", "alice", "s1", "t1", "one"));
        await aliceTab1.SendAsync(Msg.EditRequestAs("b-a1", "alice", "s2", "t2", "two"));
        await aliceAgent.ExpectAsync("edit_request");
        await aliceAgent.ExpectAsync("edit_request");
        await aliceAgent.SendAsync(Msg.CodeUpdateAs("d-alice", "alice", "s1", "t1", "one saved"));
        await aliceTab1.ExpectAsync("code_update");

        await stranger.SendAsync(Msg.EditRequestAs("x", "x", "sx", "t", "x"));
        await stranger.ExpectErrorAsync("NOT_CONNECTED");
        await bobTab.SendAsync(Msg.EditRequestAs("b-bob", "bob", "s-bob", "t", "x"));
        await bobTab.ExpectErrorAsync("NO_DESKTOP");
        await bobTab.SendAsync("""{"type":"teleport"}""");
        await bobTab.ExpectErrorAsync("UNKNOWN_TYPE");
        await aliceAgent.SendAsync(Msg.CodeUpdateAs("d-alice", "alice", "nope", "t", "x"));
        await aliceAgent.ExpectErrorAsync("SESSION_NOT_FOUND");

        var status = await server.StatusAsync();
        Assert.True(status.GetProperty("active").GetBoolean());
        Assert.True(status.GetProperty("uptime").GetDouble() > 0);
        Assert.Equal(3, Int(status, "connections", "browser"));
        Assert.Equal(2, Int(status, "connections", "desktop"));
        Assert.Equal(3, Int(status, "sessions", "users"));   // alice, bob, carol
        Assert.Equal(2, Int(status, "sessions", "active"));  // s1, s2
        // In: 5 connects, 2 edit requests, 1 update, 4 refused frames. Out: 5 acks, 3 statuses, 2 requests, 1 update, 4 errors.
        Assert.Equal(12, Int(status, "messages", "received"));
        Assert.Equal(15, Int(status, "messages", "sent"));
        Assert.Equal(4, Int(status, "errors", "total"));
        var byCode = status.GetProperty("errors").GetProperty("byCode").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["NOT_CONNECTED"] = 1, ["NO_DESKTOP"] = 1, ["SESSION_NOT_FOUND"] = 1, ["UNKNOWN_TYPE"] = 1 }, byCode);

        // A tab with open sessions leaving keeps them (grace period); carol, with nothing left, disappears.
        await aliceTab1.DisposeAsync();
        await carolAgent.DisposeAsync();
        status = await server.WaitForCountsAsync(browsers: 2, desktops: 1);
        Assert.Equal(2, Int(status, "sessions", "active"));
        Assert.Equal(2, Int(status, "sessions", "users"));   // alice, bob
    }

    [Fact]
    public async Task ClosedSession_IsNoLongerCounted()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.OpenSessionAsync("s1");
        Assert.Equal(1, Int(await pair.Server.StatusAsync(), "sessions", "active"));
        await pair.Agent.SendAsync(Msg.SessionClosed("s1", "editor_exited"));
        await pair.Browser.ExpectAsync("session_closed");
        Assert.Equal(0, Int(await pair.Server.StatusAsync(), "sessions", "active"));
    }
}
