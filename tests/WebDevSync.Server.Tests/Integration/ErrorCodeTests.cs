namespace WebDevSync.Server.Tests.Integration;

/// <summary>Every stable error code other than INVALID_MESSAGE; after each, the same connection still works.</summary>
public sealed class ErrorCodeTests
{
    [Theory]
    [InlineData("""{"type":"launch_missiles"}""")]
    [InlineData("""{"type":"EDIT_REQUEST","sessionId":"s1","payload":{"textareaId":"t","code":"x"}}""")]
    [InlineData("""{"type":""}""")]
    public async Task UnknownType_IsUnknownType_AndTheConnectionKeepsRouting(string frame)
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Browser.SendAsync(frame);
        await pair.Browser.ExpectErrorAsync("UNKNOWN_TYPE");
        await pair.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task UnknownType_WithAnEmojiWhereItsNameIsShortened_IsStillAnswered()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Browser.SendAsync(Msg.Of(new { type = new string('a', 39) + "😀" + new string('b', 20) }));
        await pair.Browser.ExpectErrorAsync("UNKNOWN_TYPE");
        await pair.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task UnknownType_BeforeConnecting_IsUnknownType()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.SendAsync("""{"type":"hello"}""");
        await client.ExpectErrorAsync("UNKNOWN_TYPE");
        await client.SendAsync(Msg.DesktopConnect("d1", "u"));
        await client.ExpectAsync("connection_ack");
    }

    [Theory]
    [InlineData("""{"type":"edit_request","connectionId":"b1","userId":"u","sessionId":"s1","payload":{"textareaId":"t","code":"x"}}""")]
    [InlineData("""{"type":"code_update","sessionId":"s1","payload":{"textareaId":"t","code":"x"}}""")]
    [InlineData("""{"type":"session_closed","sessionId":"s1"}""")]
    public async Task MessageBeforeConnect_IsNotConnected_AndTheSocketCanStillConnect(string frame)
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await server.AgentAsync("u", "d1");
        await using var client = await server.ConnectAsync();
        await client.SendAsync(frame);
        await client.ExpectErrorAsync("NOT_CONNECTED");
        await agent.AssertNothingPendingAsync();

        await client.SendAsync(Msg.BrowserConnect("b1", "u"));
        await client.ExpectAsync("connection_ack");
        await client.ExpectAsync("desktop_status");
        await client.SendAsync(Msg.EditRequestAs("b1", "u", "s1", "t", "x"));
        await agent.ExpectAsync("edit_request");
    }

    [Fact]
    public async Task EditRequest_WithoutAnAgent_IsNoDesktop_ThenRoutesOnceAnAgentArrives()
    {
        await using var server = await TestServer.StartAsync();
        await using var browser = await server.BrowserAsync("u", "b1", expectDesktop: false);
        await browser.SendAsync(Msg.EditRequestAs("b1", "u", "s1", "t", "x"));
        var error = await browser.ExpectErrorAsync("NO_DESKTOP");
        Assert.Equal("No desktop connection found", error.ErrorMessage());
        Assert.Equal("s1", error.Str("sessionId"));
        Assert.Equal("b1", error.Str("connectionId"));

        await using var agent = await server.AgentAsync("u", "d1");
        Assert.True((await browser.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());
        await browser.SendAsync(Msg.EditRequestAs("b1", "u", "s1", "t", "x"));
        await agent.ExpectAsync("edit_request");
    }

    [Fact]
    public async Task EditRequest_WhenOnlyAnotherUserHasAnAgent_IsNoDesktop()
    {
        await using var server = await TestServer.StartAsync();
        await using var bobAgent = await server.AgentAsync("bob", "d-bob");
        await using var browser = await server.BrowserAsync("alice", "b-alice", expectDesktop: false);
        await browser.SendAsync(Msg.EditRequestAs("b-alice", "alice", "s1", "t", "x"));
        await browser.ExpectErrorAsync("NO_DESKTOP");
        await bobAgent.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task CodeUpdate_ForAnUnknownSession_IsSessionNotFound_AndTheAgentKeepsRouting()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, pair.UserId, "no-such-session", "t", "x"));
        var error = await pair.Agent.ExpectErrorAsync("SESSION_NOT_FOUND");
        Assert.Equal("Session not found", error.ErrorMessage());
        Assert.Equal("no-such-session", error.Str("sessionId"));
        await pair.Browser.AssertNothingPendingAsync();
        await pair.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task SessionClosed_ForAnUnknownSession_IsSessionNotFound()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Browser.SendAsync(Msg.SessionClosed("no-such-session", "x"));
        Assert.Equal("Session not found", (await pair.Browser.ExpectErrorAsync("SESSION_NOT_FOUND")).ErrorMessage());
        await pair.AssertStillRoutesAsync();
    }
}
