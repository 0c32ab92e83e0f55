namespace WebDevSync.Server.Tests.Integration;

/// <summary>PAYLOAD_TOO_LARGE: a frame over the configured limit is drained and refused; the socket stays.</summary>
public sealed class PayloadTooLargeTests
{
    private const int Limit = 4096;

    private static Task<ConnectedPair> SmallLimitAsync() => ConnectedPair.StartAsync(o => o with { MaxMessageBytes = Limit });

    /// <summary>An edit request whose JSON is exactly <paramref name="bytes"/> long.</summary>
    private static string EditRequestOfSize(string sessionId, int bytes)
    {
        var shell = Msg.EditRequestAs("b-alice", "alice", sessionId, "t", "");
        return Msg.EditRequestAs("b-alice", "alice", sessionId, "t", new string('x', bytes - Encoding.UTF8.GetByteCount(shell)));
    }

    [Fact]
    public async Task FrameOverTheLimit_IsPayloadTooLarge_AndTheConnectionKeepsRouting()
    {
        await using var pair = await SmallLimitAsync();
        await pair.Browser.SendAsync(EditRequestOfSize("s-big", Limit + 1));
        var error = await pair.Browser.ExpectErrorAsync("PAYLOAD_TOO_LARGE");
        Assert.Contains(Limit.ToString(), error.ErrorMessage());
        await pair.Agent.AssertNothingPendingAsync();
        await pair.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task FrameOfExactlyTheLimit_IsRouted()
    {
        await using var pair = await SmallLimitAsync();
        await pair.Browser.SendAsync(EditRequestOfSize("s-edge", Limit));
        Assert.Equal("s-edge", (await pair.Agent.ExpectAsync("edit_request")).Str("sessionId"));
    }

    [Fact]
    public async Task FragmentedMessageOverTheLimit_IsPayloadTooLarge_AndTheNextMessageIsReadCleanly()
    {
        await using var pair = await SmallLimitAsync();
        var big = Encoding.UTF8.GetBytes(EditRequestOfSize("s-big", Limit * 10));
        for (var offset = 0; offset < big.Length; offset += 1000)
            await pair.Browser.SendRawAsync(big.AsMemory(offset, Math.Min(1000, big.Length - offset)), WebSocketMessageType.Text, endOfMessage: offset + 1000 >= big.Length);
        await pair.Browser.ExpectErrorAsync("PAYLOAD_TOO_LARGE");
        await pair.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task AgentUpdateOverTheLimit_IsPayloadTooLarge_AndTheTabHearsNothing()
    {
        await using var pair = await SmallLimitAsync();
        await pair.OpenSessionAsync("s1");
        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s1", "t-s1", new string('y', Limit * 3)));
        await pair.Agent.ExpectErrorAsync("PAYLOAD_TOO_LARGE");
        await pair.Browser.AssertNothingPendingAsync();
        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s1", "t-s1", "small"));
        Assert.Equal("small", (await pair.Browser.ExpectAsync("code_update")).Payload().Str("code"));
    }

    [Fact]
    public async Task OversizedFrameBeforeConnecting_IsPayloadTooLarge()
    {
        await using var server = await TestServer.StartAsync(o => o with { MaxMessageBytes = Limit });
        await using var client = await server.ConnectAsync();
        await client.SendAsync(new string(' ', Limit * 2) + """{"type":"ping"}""");
        await client.ExpectErrorAsync("PAYLOAD_TOO_LARGE");
        await client.AssertNothingPendingAsync();
    }
}
