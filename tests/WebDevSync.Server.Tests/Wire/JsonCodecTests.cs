using static WebDevSync.Server.Tests.Wire.CodecAssert;

namespace WebDevSync.Server.Tests.Wire;

/// <summary>Every message type through the codec both ways, and the decoder's refusals as data.</summary>
public sealed class JsonCodecTests
{
    public static TheoryData<string, ClientMessage> ClientMessages => new()
    {
        { "browser_connect", new ClientMessage.BrowserConnect("b1", "alice", []) },
        { "browser_connect with cursors", new ClientMessage.BrowserConnect("b1", "alice", [new SessionCursor("s1", 3), new SessionCursor("s2", 0)]) },
        { "desktop_connect", new ClientMessage.DesktopConnect("d1", "alice", []) },
        { "desktop_connect with sessions", new ClientMessage.DesktopConnect("d1", "alice", [new AnnouncedSession("s1", "t1", "js", "b1")]) },
        { "edit_request", new ClientMessage.EditRequest(new Claims("b1", "alice"), "s1", "t1", "console.log(1)", "js") },
        { "edit_request without claims", new ClientMessage.EditRequest(Claims.None, "s1", "t1", "", "py") },
        { "code_update", new ClientMessage.CodeUpdate(new Claims("d1", "alice"), "s1", "t1", "x") },
        { "code_update without textarea", new ClientMessage.CodeUpdate(new Claims(null, "alice"), "s1", null, "x") },
        { "session_closed", new ClientMessage.SessionClosed(new Claims("d1", null), "s1", "editor_exited") },
        { "session_closed without reason", new ClientMessage.SessionClosed(Claims.None, "s1", null) },
        { "ping", new ClientMessage.Ping(Claims.None) },
        { "ping with claims", new ClientMessage.Ping(new Claims("b1", "alice")) },
        { "browser_leaving", new ClientMessage.BrowserLeaving(new Claims("b1", "alice")) },
        { "browser_leaving without claims", new ClientMessage.BrowserLeaving(Claims.None) },
    };

    [Theory]
    [MemberData(nameof(ClientMessages))]
    public void ClientMessage_RoundTripsThroughEncoderAndDecoder(string what, ClientMessage message)
    {
        var back = ClientRoundTrip(message);
        Assert.True(Same(message, back), $"{what}: {message} became {back}");
    }

    public static TheoryData<string, ServerMessage> ServerMessages()
    {
        var data = new TheoryData<string, ServerMessage>
        {
            { "ack browser", new ServerMessage.ConnectionAck("b1", Role.Browser, "alice") },
            { "ack desktop", new ServerMessage.ConnectionAck("d1", Role.Agent, "alice") },
            { "status on", new ServerMessage.DesktopStatus(true) },
            { "status off", new ServerMessage.DesktopStatus(false) },
            { "edit_request", new ServerMessage.EditRequest("s1", "t1", "code", "ts", "b1", 0) },
            { "code_update", new ServerMessage.CodeUpdate("s1", "t1", "code", 1_700_000_000_123) },
            { "session_closed", new ServerMessage.SessionClosed("s1", "t1", "editor_exited") },
            { "session_closed without textarea", new ServerMessage.SessionClosed("s1", null, "unknown_session") },
            { "error without ids", new ServerMessage.Error(ErrorCode.NotConnected, "Send browser_connect or desktop_connect first", null, null) },
            { "pong", new ServerMessage.Pong() },
        };
        foreach (var code in Enum.GetValues<ErrorCode>())
            data.Add($"error {code}", new ServerMessage.Error(code, $"message for {code}", "c1", "s1"));
        return data;
    }

    [Theory]
    [MemberData(nameof(ServerMessages))]
    public void ServerMessage_RoundTripsThroughEncoderAndDecoder(string what, ServerMessage message)
    {
        Assert.True(message.Equals(ServerRoundTrip(message)), what);
    }

    [Fact]
    public void ServerEncoder_WritesTheSeedsFields()
    {
        var ack = JsonDocument.Parse(ServerMessageEncoder.ToBytes(new ServerMessage.ConnectionAck("client-uuid", Role.Browser, "u"))).RootElement;
        Assert.Equal("connection_ack", ack.Str("type"));
        Assert.Equal("client-uuid", ack.Str("connectionId"));
        Assert.Equal("connected", ack.Str("status"));

        var error = JsonDocument.Parse(ServerMessageEncoder.ToBytes(new ServerMessage.Error(ErrorCode.SessionNotFound, "Session not found", "client-uuid", null))).RootElement;
        Assert.Equal("error", error.Str("type"));
        Assert.Equal("client-uuid", error.Str("connectionId"));
        Assert.Equal("SESSION_NOT_FOUND", error.Payload().Str("code"));
        Assert.Equal("Session not found", error.Payload().Str("message"));

        var update = JsonDocument.Parse(ServerMessageEncoder.ToBytes(new ServerMessage.CodeUpdate("s", "code-editor-1", "console.log('hello world!');", 2))).RootElement;
        Assert.Equal("code_update", update.Str("type"));
        Assert.Equal("code-editor-1", update.Payload().Str("textareaId"));
        Assert.Equal("console.log('hello world!');", update.Payload().Str("code"));
    }

    [Fact]
    public void ServerEncoder_KeepsNonAsciiAsUtf8_AndEscapesWhatJsonRequires()
    {
        var text = Encoding.UTF8.GetString(ServerMessageEncoder.ToBytes(new ServerMessage.CodeUpdate("s", "t", "é日\"\\\n", 1)));
        Assert.Contains("é日", text);
        Assert.Contains("\\\"\\\\\\n", text);
    }

    [Fact]
    public void Decoder_ReadsTheSeedsExampleEditRequest()
    {
        var m = DecodeClient("""
            { "type": "edit_request", "connectionId": "browser-uuid", "userId": "user123", "sessionId": "session-uuid",
              "payload": { "textareaId": "code-editor-1", "code": "console.log('hello');", "fileType": "js" } }
            """).Fold(x => x, e => throw new Xunit.Sdk.XunitException(e.Message));
        Assert.Equal(new ClientMessage.EditRequest(new Claims("browser-uuid", "user123"), "session-uuid", "code-editor-1", "console.log('hello');", "js"), m);
    }

    [Theory]
    [InlineData("", "INVALID_MESSAGE")]
    [InlineData("null", "INVALID_MESSAGE")]
    [InlineData("{\"type\":null}", "INVALID_MESSAGE")]
    [InlineData("{\"type\":\"nope\"}", "UNKNOWN_TYPE")]
    [InlineData("{\"type\":\"browser_connect\",\"connectionId\":\"\",\"userId\":\"u\"}", "INVALID_MESSAGE")]
    [InlineData("{\"type\":\"browser_connect\",\"connectionId\":\"b\",\"userId\":\"u\",\"payload\":{\"sessions\":[{\"sessionId\":\"s\",\"seq\":-1}]}}", "INVALID_MESSAGE")]
    [InlineData("{\"type\":\"desktop_connect\",\"connectionId\":\"d\",\"userId\":\"u\",\"payload\":{\"sessions\":[{\"sessionId\":\"s\"}]}}", "INVALID_MESSAGE")]
    [InlineData("{\"type\":\"desktop_connect\",\"connectionId\":\"d\",\"userId\":\"u\",\"payload\":{\"sessions\":\"all\"}}", "INVALID_MESSAGE")]
    public void Decoder_RefusesBadInput_AsAnErrorValue(string json, string code)
    {
        var result = DecodeClient(json);
        Assert.True(result.IsLeft);
        Assert.Equal(code, result.Fold(_ => "", e => e.Code.Wire()));
    }

    [Fact]
    public void Decoder_RefusesIdsLongerThanTheLimit()
    {
        var id = new string('x', Limits.MaxIdLength + 1);
        Assert.True(DecodeClient($$"""{"type":"browser_connect","connectionId":"{{id}}","userId":"u"}""").IsLeft);
        Assert.True(DecodeClient($$"""{"type":"browser_connect","connectionId":"{{id[1..]}}","userId":"u"}""").IsRight);
    }

    [Fact]
    public void Decoder_RefusesCodeLongerThanTheLimit()
    {
        var result = DecodeClient("""{"type":"code_update","sessionId":"s","payload":{"code":"0123456789"}}""", maxCode: 5);
        Assert.True(result.IsLeft);
    }

    [Fact]
    public void Decoder_IgnoresUnknownFields()
    {
        Assert.True(DecodeClient("""{"type":"ping","timestamp":123,"extra":{"a":[1,2]}}""").IsRight);
    }

    [Fact]
    public void Decoder_CarriesTheNamedSession_InItsError()
    {
        var error = DecodeClient("""{"type":"edit_request","sessionId":"s9"}""").Fold(_ => null!, e => e);
        Assert.Equal("s9", error.SessionId);
    }
}
