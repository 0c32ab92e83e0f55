namespace WebDevSync.Server.Tests.Integration;

/// <summary>INVALID_MESSAGE: frames that are not JSON objects or lack (or mistype) a field their type needs.</summary>
public sealed class InvalidMessageTests
{
    public static TheoryData<string, string> BadFrames => new()
    {
        { "not JSON", "this is not json" },
        { "truncated JSON", """{"type":"ping" """ },
        { "a JSON array", "[1,2,3]" },
        { "a JSON string", "\"edit_request\"" },
        { "no type", """{"sessionId":"s1","payload":{"textareaId":"t","code":"x"}}""" },
        { "type is a number", """{"type":42}""" },
        { "edit_request without sessionId", """{"type":"edit_request","payload":{"textareaId":"t","code":"x"}}""" },
        { "edit_request with a numeric sessionId", """{"type":"edit_request","sessionId":7,"payload":{"textareaId":"t","code":"x"}}""" },
        { "edit_request with an empty sessionId", """{"type":"edit_request","sessionId":"","payload":{"textareaId":"t","code":"x"}}""" },
        { "edit_request without payload", """{"type":"edit_request","sessionId":"s1"}""" },
        { "edit_request with a string payload", """{"type":"edit_request","sessionId":"s1","payload":"code"}""" },
        { "edit_request without textareaId", """{"type":"edit_request","sessionId":"s1","payload":{"code":"x"}}""" },
        { "edit_request without code", """{"type":"edit_request","sessionId":"s1","payload":{"textareaId":"t"}}""" },
        { "edit_request with numeric code", """{"type":"edit_request","sessionId":"s1","payload":{"textareaId":"t","code":5}}""" },
        { "edit_request with a numeric connectionId claim", """{"type":"edit_request","connectionId":7,"sessionId":"s1","payload":{"textareaId":"t","code":"x"}}""" },
        { "code_update without payload", """{"type":"code_update","sessionId":"s1"}""" },
        { "code_update without sessionId", """{"type":"code_update","payload":{"code":"x"}}""" },
        { "session_closed without sessionId", """{"type":"session_closed","payload":{"reason":"x"}}""" },
        { "browser_connect without userId", """{"type":"browser_connect","connectionId":"b-x"}""" },
        { "browser_connect with a resume cursor missing seq", """{"type":"browser_connect","connectionId":"b-x","userId":"x","payload":{"sessions":[{"sessionId":"s"}]}}""" },
        { "nesting deeper than the protocol needs", "{\"type\":\"ping\",\"x\":" + new string('[', 40) + new string(']', 40) + "}" },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task BadFrame_FromAConnectedBrowser_IsInvalidMessage_AndTheConnectionKeepsRouting(string what, string frame)
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Browser.SendAsync(frame);
        var error = await pair.Browser.ExpectErrorAsync("INVALID_MESSAGE");
        Assert.False(string.IsNullOrEmpty(error.ErrorMessage()), what);
        await pair.Agent.AssertNothingPendingAsync();
        await pair.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task BadFrame_BeforeConnecting_IsInvalidMessage_AndTheSocketCanStillConnect()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.SendAsync("""{"type":"browser_connect","userId":"u"}""");
        var error = await client.ExpectErrorAsync("INVALID_MESSAGE");
        Assert.Contains("connectionId", error.ErrorMessage());
        await client.SendAsync(Msg.BrowserConnect("b1", "u"));
        await client.ExpectAsync("connection_ack");
    }

    [Fact]
    public async Task InvalidMessage_NamingASession_EchoesTheSessionAndTheConnectionId()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Browser.SendAsync("""{"type":"edit_request","sessionId":"s-named"}""");
        var error = await pair.Browser.ExpectErrorAsync("INVALID_MESSAGE");
        Assert.Equal("s-named", error.Str("sessionId"));
        Assert.Equal(pair.BrowserId, error.Str("connectionId"));
        Assert.Contains("payload", error.ErrorMessage());
    }

    [Fact]
    public async Task EscapedLoneSurrogate_InCode_IsInvalidMessage_NotADroppedConnection()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Browser.SendAsync("""{"type":"edit_request","sessionId":"s1","payload":{"textareaId":"t","code":"a\uD800b"}}""");
        // A lone surrogate has no UTF-8 form, so it could not be forwarded as sent: it is refused.
        await pair.Browser.ExpectErrorAsync("INVALID_MESSAGE");
        await pair.Agent.AssertNothingPendingAsync();
        await pair.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task EscapedLoneSurrogate_InSessionId_IsInvalidMessage_NotADroppedConnection()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Browser.SendAsync("""{"type":"edit_request","sessionId":"\uDC00","payload":{"textareaId":"t","code":"x"}}""");
        await pair.Browser.ExpectErrorAsync("INVALID_MESSAGE");
        await pair.AssertStillRoutesAsync();
    }
}
