namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// The seed document's "Message Types" examples, sent verbatim: a client written only from that
/// document completes an edit round trip.
/// </summary>
public sealed class SeedFlowTests
{
    private const string SeedBrowserConnect = """
        {
          "type": "browser_connect",
          "connectionId": "browser-uuid",
          "userId": "user123"
        }
        """;

    private const string SeedEditRequest = """
        {
          "type": "edit_request", 
          "connectionId": "browser-uuid",
          "userId": "user123",
          "sessionId": "session-uuid",
          "payload": {
            "textareaId": "code-editor-1",
            "code": "console.log('hello');",
            "fileType": "js"
          }
        }
        """;

    private const string SeedDesktopConnect = """
        {
          "type": "desktop_connect",
          "connectionId": "desktop-uuid", 
          "userId": "user123"
        }
        """;

    private const string SeedCodeUpdate = """
        {
          "type": "code_update",
          "connectionId": "desktop-uuid",
          "userId": "user123", 
          "sessionId": "session-uuid",
          "payload": {
            "textareaId": "code-editor-1",
            "code": "console.log('hello world!');"
          }
        }
        """;

    [Fact]
    public async Task SeedExamples_CompleteAnEditRoundTrip_WithTheSeedsFields()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await server.ConnectAsync();
        await agent.SendAsync(SeedDesktopConnect);
        var agentAck = await agent.ExpectAsync("connection_ack");
        Assert.Equal("desktop-uuid", agentAck.Str("connectionId"));
        Assert.Equal("connected", agentAck.Str("status"));

        await using var browser = await server.ConnectAsync();
        await browser.SendAsync(SeedBrowserConnect);
        var browserAck = await browser.ExpectAsync("connection_ack");
        Assert.Equal("browser-uuid", browserAck.Str("connectionId"));
        Assert.Equal("connected", browserAck.Str("status"));
        Assert.True((await browser.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());

        await browser.SendAsync(SeedEditRequest);
        var request = await agent.ExpectAsync("edit_request");
        Assert.Equal("session-uuid", request.Str("sessionId"));
        Assert.Equal("code-editor-1", request.Payload().Str("textareaId"));
        Assert.Equal("console.log('hello');", request.Payload().Str("code"));
        Assert.Equal("js", request.Payload().Str("fileType"));
        Assert.Equal("browser-uuid", request.Payload().Str("browserConnectionId"));

        await agent.SendAsync(SeedCodeUpdate);
        var update = await browser.ExpectAsync("code_update");
        Assert.Equal("session-uuid", update.Str("sessionId"));
        Assert.Equal("code-editor-1", update.Payload().Str("textareaId"));
        Assert.Equal("console.log('hello world!');", update.Payload().Str("code"));

        await agent.AssertNothingPendingAsync();
        await browser.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task BrowserAck_CarriesRoleAndUser_AndDesktopStatusFalseWithoutAgent()
    {
        await using var server = await TestServer.StartAsync();
        await using var browser = await server.ConnectAsync();
        await browser.SendAsync(SeedBrowserConnect);
        var ack = await browser.ExpectAsync("connection_ack");
        Assert.Equal("browser", ack.Payload().Str("role"));
        Assert.Equal("user123", ack.Payload().Str("userId"));
        Assert.False((await browser.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task SeveralSaves_ReachTheTab_InOrder_WithGrowingSeq()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await server.AgentAsync("u", "d1");
        await using var browser = await server.BrowserAsync("u", "b1", expectDesktop: true);
        await browser.SendAsync(Msg.EditRequestAs("b1", "u", "s1", "t1", "v0"));
        Assert.Equal(0, (await agent.ExpectAsync("edit_request")).Payload().GetProperty("seq").GetInt64());

        long last = 0;
        for (var i = 1; i <= 5; i++)
        {
            await agent.SendAsync(Msg.CodeUpdateAs("d1", "u", "s1", "t1", $"v{i}"));
            var update = await browser.ExpectAsync("code_update");
            Assert.Equal($"v{i}", update.Payload().Str("code"));
            var seq = update.Payload().GetProperty("seq").GetInt64();
            Assert.True(seq > last, $"seq {seq} after {last}");
            last = seq;
        }
    }

    [Fact]
    public async Task MessagesWithoutRepeatedIds_AreRouted_SinceTheConnectionFixedThem()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await server.AgentAsync("u", "d1");
        await using var browser = await server.BrowserAsync("u", "b1", expectDesktop: true);
        await browser.SendAsync("""{"type":"edit_request","sessionId":"s1","payload":{"textareaId":"t1","code":"a"}}""");
        var request = await agent.ExpectAsync("edit_request");
        Assert.Equal("txt", request.Payload().Str("fileType"));
        await agent.SendAsync("""{"type":"code_update","sessionId":"s1","payload":{"code":"b"}}""");
        var update = await browser.ExpectAsync("code_update");
        Assert.Equal("t1", update.Payload().Str("textareaId"));
        Assert.Equal("b", update.Payload().Str("code"));
    }

    [Fact]
    public async Task AgentClosingTheSession_TellsTheBrowser_AndLaterUpdatesFindNoSession()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await server.AgentAsync("u", "d1");
        await using var browser = await server.BrowserAsync("u", "b1", expectDesktop: true);
        await browser.SendAsync(Msg.EditRequestAs("b1", "u", "s1", "t1", "a"));
        await agent.ExpectAsync("edit_request");

        await agent.SendAsync(Msg.SessionClosed("s1", "editor_exited"));
        var closed = await browser.ExpectAsync("session_closed");
        Assert.Equal("s1", closed.Str("sessionId"));
        Assert.Equal("t1", closed.Payload().Str("textareaId"));
        Assert.Equal("editor_exited", closed.Payload().Str("reason"));

        await agent.SendAsync(Msg.CodeUpdateAs("d1", "u", "s1", "t1", "late"));
        Assert.Equal("Session not found", (await agent.ExpectErrorAsync("SESSION_NOT_FOUND")).ErrorMessage());
    }

    [Fact]
    public async Task BrowserClosingTheSession_TellsTheAgent()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await server.AgentAsync("u", "d1");
        await using var browser = await server.BrowserAsync("u", "b1", expectDesktop: true);
        await browser.SendAsync(Msg.EditRequestAs("b1", "u", "s1", "t1", "a"));
        await agent.ExpectAsync("edit_request");

        await browser.SendAsync(Msg.SessionClosed("s1", "textarea_removed"));
        var closed = await agent.ExpectAsync("session_closed");
        Assert.Equal("s1", closed.Str("sessionId"));
        Assert.Equal("textarea_removed", closed.Payload().Str("reason"));
        await browser.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task Ping_IsAnsweredWithPong_BeforeAndAfterConnecting()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.AssertNothingPendingAsync();
        await client.SendAsync(Msg.BrowserConnect("b1", "u"));
        await client.ExpectAsync("connection_ack");
        await client.ExpectAsync("desktop_status");
        await client.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task WebSocketSubprotocol_IsAcceptedWhenAskedFor()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await JsonWsClient.ConnectAsync(server.WebSocketUrl, new ConnectOptions { SubProtocol = "webdevsync" });
        await client.AssertNothingPendingAsync();
    }
}
