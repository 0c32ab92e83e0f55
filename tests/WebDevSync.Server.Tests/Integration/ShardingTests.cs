namespace WebDevSync.Server.Tests.Integration;

/// <summary>With several router shards (routerShards), a connection must land on its user's shard.</summary>
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
            await browser.SendAsync(Msg.EditRequest($"b-mallory-{i}", $"mallory-{i}", "s-alice", "t", "x"));
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
            await tab.SendAsync(Msg.EditRequest($"b-{carol}", carol, $"s-{carol}", "t", "x"));
            await agent.ExpectAsync("edit_request");
        }
    }
}
