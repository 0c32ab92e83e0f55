namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// With several router shards (routerShards), a connection must land on its user's shard, and an id
/// another user holds on another shard is refused as one router refuses it.
/// </summary>
public sealed class ShardingTests
{
    [Fact]
    public async Task WithAShardedRouter_AConnectionIdOfAnotherUser_IsStillForbidden()
    {
        await using var alice = await ConnectedPair.StartAsync(o => o with { RouterShards = 4 });
        // Several users, so some land on another shard than alice's.
        for (var i = 0; i < 8; i++)
        {
            await using var other = await alice.Server.ConnectAsync();
            await other.SendAsync(Msg.BrowserConnect(alice.BrowserId, $"mallory-{i}"));
            var reply = await other.NextFrameAsync();
            Assert.True(reply.Type == "error", $"mallory-{i} was answered {reply.Text}");
        }
        await alice.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task WithAShardedRouter_ASessionIdOfAnotherUser_IsStillForbidden()
    {
        await using var alice = await ConnectedPair.StartAsync(o => o with { RouterShards = 4 });
        await alice.OpenSessionAsync("s-alice");
        for (var i = 0; i < 8; i++)
        {
            await using var agent = await alice.Server.AgentAsync($"mallory-{i}", $"d-mallory-{i}");
            await using var browser = await alice.Server.BrowserAsync($"mallory-{i}", $"b-mallory-{i}", expectDesktop: true);
            await browser.SendAsync(Msg.EditRequestAs($"b-mallory-{i}", $"mallory-{i}", "s-alice", "t", "x"));
            await browser.SendAsync("""{"type":"ping"}"""); // an accepted request has no reply: the pong comes first
            Assert.Equal("error", (await browser.NextFrameAsync()).Type);
        }
    }

    [Fact]
    public async Task ConnectionWhoseFirstConnectWasRefused_ThenConnectsAsAnotherUser_ReachesThatUsersAgent()
    {
        await using var server = await TestServer.StartAsync(o => o with { RouterShards = 4 });
        await using var alice = await server.BrowserAsync("alice", "b-alice", expectDesktop: false);

        // A user on alice's shard: the one whose claim on alice's connectionId is refused.
        string? sameShard = null;
        for (var i = 0; sameShard is null && i < 32; i++)
        {
            await using var probe = await server.ConnectAsync();
            await probe.SendAsync(Msg.BrowserConnect("b-alice", $"bob-{i}"));
            if ((await probe.NextFrameAsync()).Type == "error") sameShard = $"bob-{i}";
        }
        Assert.NotNull(sameShard);

        for (var j = 0; j < 8; j++)
        {
            var carol = $"carol-{j}";
            await using var agent = await server.AgentAsync(carol, $"d-{carol}");
            await using var tab = await server.ConnectAsync();
            await tab.SendAsync(Msg.BrowserConnect("b-alice", sameShard));
            await tab.ExpectErrorAsync("FORBIDDEN");
            await tab.SendAsync(Msg.BrowserConnect($"b-{carol}", carol));
            await tab.ExpectAsync("connection_ack");
            var status = await tab.ExpectAsync("desktop_status");
            Assert.True(status.Payload().GetProperty("connected").GetBoolean(), $"{carol}'s tab was routed to another shard than {carol}'s agent");
            await tab.SendAsync(Msg.EditRequestAs($"b-{carol}", carol, $"s-{carol}", "t", "x"));
            await agent.ExpectAsync("edit_request");
        }
    }

    [Fact]
    public async Task WithAShardedRouter_AnnouncedSessionsNamingAnotherUsersTab_AreRefused_AndTheTabStaysTheirs()
    {
        await using var server = await TestServer.StartAsync(o => o with { RouterShards = 4 });
        await using var agent = await server.ConnectAsync();
        // Several owners, so some tabs are on another shard than alice's agent.
        var tabs = new List<JsonWsClient>();
        for (var i = 0; i < 8; i++) tabs.Add(await server.BrowserAsync($"bob-{i}", $"b-bob-{i}", expectDesktop: false));
        await agent.SendAsync(Announce("d-alice", "alice", [.. Enumerable.Range(0, 8).Select(i => ($"s-steal-{i}", $"b-bob-{i}"))]));
        await agent.ExpectAsync("connection_ack");
        for (var i = 0; i < 8; i++) Assert.Equal($"s-steal-{i}", (await agent.ExpectAsync("session_closed")).Str("sessionId"));

        await using var alicesTab = await server.ConnectAsync();
        await alicesTab.SendAsync(Msg.BrowserConnect("b-bob-0", "alice"));
        await alicesTab.ExpectErrorAsync("FORBIDDEN");
        foreach (var tab in tabs)
        {
            await tab.AssertNothingPendingAsync();
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task WithAShardedRouter_AnAgentAnnouncingAnotherUsersSessionId_IsRefused_AndTheSessionStaysTheirs()
    {
        await using var bob = await ConnectedPair.StartAsync(o => o with { RouterShards = 4 }, userId: "bob");
        await bob.OpenSessionAsync("s-bob");
        await using var agent = await bob.Server.ConnectAsync();
        await agent.SendAsync(Announce("d-alice", "alice", ("s-bob", "b-alice")));
        await agent.ExpectAsync("connection_ack");
        Assert.Equal("s-bob", (await agent.ExpectAsync("session_closed")).Str("sessionId"));

        await agent.SendAsync(Msg.CodeUpdateAs("d-alice", "alice", "s-bob", "t", "leak?"));
        await agent.ExpectErrorAsync("FORBIDDEN");
        await bob.Agent.SendAsync(Msg.CodeUpdateAs(bob.AgentId, "bob", "s-bob", "t-s-bob", "bob's save"));
        Assert.Equal("bob's save", (await bob.Browser.ExpectAsync("code_update")).Payload().Str("code"));
    }

    [Fact]
    public async Task WithAShardedRouter_ASessionRestoredAfterARestart_IsStillForbiddenToAnotherUser()
    {
        using var temp = new TempDirectory("wds-data-");
        var dataDir = temp.File("data");
        await using (var bob = await ConnectedPair.StartAsync(o => o with { RouterShards = 4, DataDir = dataDir }, userId: "bob"))
            await bob.OpenSessionAsync("s-bob");

        await using var alice = await ConnectedPair.StartAsync(o => o with { RouterShards = 4, DataDir = dataDir });
        await alice.Browser.SendAsync(Msg.EditRequestAs(alice.BrowserId, "alice", "s-bob", "t", "x"));
        Assert.Equal("Session belongs to another user", (await alice.Browser.ExpectErrorAsync("FORBIDDEN")).ErrorMessage());
        await alice.Agent.AssertNothingPendingAsync();
    }

    private static string Announce(string connectionId, string userId, params (string SessionId, string BrowserConnectionId)[] sessions) =>
        Msg.DesktopConnect(connectionId, userId, sessions.Select(x => new Announced(x.SessionId, "t", "js", x.BrowserConnectionId)));
}
