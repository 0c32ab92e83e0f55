using static WebDevSync.Server.Tests.Wire.CodecAssert;

namespace WebDevSync.Server.Tests.Wire;

/// <summary>The JSON of live editing and of the page's context (README "Live editing", "Page context").</summary>
public sealed class LiveCodecTests
{
    static readonly PageContext Page = new("https://app.example.com/snippets/4?tab=2", "Snippet 4 · Example", new TextSelection(8, 13));

    public static TheoryData<string, ClientMessage> ClientMessages => new()
    {
        { "code_update with baseSeq", new ClientMessage.CodeUpdate(new Claims("b1", "alice"), "s1", "t1", "x", 7) },
        { "code_update with baseSeq 0", new ClientMessage.CodeUpdate(Claims.None, "s1", null, "x", 0) },
        { "edit_request with page context", new ClientMessage.EditRequest(Claims.None, "s1", "t1", "console.log('hello');", "js", Page) },
        { "edit_request with a cursor only", new ClientMessage.EditRequest(Claims.None, "s1", "t1", "abc", "js", new PageContext(null, null, new TextSelection(3, 3))) },
        { "browser_connect accepting code_merged", new ClientMessage.BrowserConnect("b1", "alice", []) { AcceptsMerged = true } },
        { "desktop_connect announcing seqs", new ClientMessage.DesktopConnect("d1", "alice", [new AnnouncedSession("s1", "t1", "js", "b1", 8), new AnnouncedSession("s2", "t1", "js", "b1")]) },
    };

    [Theory]
    [MemberData(nameof(ClientMessages))]
    public void ClientMessage_RoundTripsThroughEncoderAndDecoder(string what, ClientMessage message)
    {
        var back = ClientRoundTrip(message);
        Assert.True(Same(message, back), $"{what}: {message} became {back}");
    }

    public static TheoryData<string, ServerMessage> ServerMessages => new()
    {
        { "code_ack", new ServerMessage.CodeAck("s1", "t1", 8) },
        { "code_overtaken", new ServerMessage.CodeOvertaken("s1", "t1", "the relay's text", 9) },
        { "code_merged", new ServerMessage.CodeMerged("s1", "t1", "both sides' text", 10) },
        { "edit_request with page context", new ServerMessage.EditRequest("s1", "t1", "console.log('hello');", "js", "b1", 0, Page) },
    };

    [Theory]
    [MemberData(nameof(ServerMessages))]
    public void ServerMessage_RoundTripsThroughEncoderAndDecoder(string what, ServerMessage message)
    {
        Assert.True(message.Equals(ServerRoundTrip(message)), what);
    }

    [Fact]
    public void TheReadmesExamples_DecodeAsDocumented()
    {
        var change = Decoded("""{"type":"code_update","connectionId":"browser-uuid","userId":"user123","sessionId":"session-uuid","payload":{"textareaId":"code-editor-1","code":"console.log('hi');","baseSeq":7}}""");
        Assert.Equal(new ClientMessage.CodeUpdate(new Claims("browser-uuid", "user123"), "session-uuid", "code-editor-1", "console.log('hi');", 7), change);

        var edit = Decoded("""{"type":"edit_request","connectionId":"browser-uuid","userId":"user123","sessionId":"session-uuid","payload":{"textareaId":"code-editor-1","code":"console.log('hello');","fileType":"js","url":"https://app.example.com/snippets/4?tab=2","title":"Snippet 4 · Example","selection":{"start":8,"end":13}}}""");
        Assert.Equal(new ClientMessage.EditRequest(new Claims("browser-uuid", "user123"), "session-uuid", "code-editor-1", "console.log('hello');", "js", Page), edit);
    }

    [Fact]
    public void ServerEncoder_WritesAcksOvertakenAndPageFieldsInTheDocumentedShape()
    {
        var ack = Json(new ServerMessage.CodeAck("session-uuid", "code-editor-1", 8));
        Assert.Equal("""{"type":"code_ack","sessionId":"session-uuid","payload":{"textareaId":"code-editor-1","seq":8}}""", ack);

        var overtaken = Json(new ServerMessage.CodeOvertaken("session-uuid", "code-editor-1", "the relay's text", 9));
        Assert.Equal("""{"type":"code_overtaken","sessionId":"session-uuid","payload":{"textareaId":"code-editor-1","code":"the relay's text","seq":9}}""", overtaken);

        var merged = Json(new ServerMessage.CodeMerged("session-uuid", "code-editor-1", "both sides' text", 10));
        Assert.Equal("""{"type":"code_merged","sessionId":"session-uuid","payload":{"textareaId":"code-editor-1","code":"both sides' text","seq":10}}""", merged);

        var edit = JsonDocument.Parse(ServerMessageEncoder.ToBytes(new ServerMessage.EditRequest("s", "t", "code", "js", "b", 0, Page))).RootElement.GetProperty("payload");
        Assert.Equal("https://app.example.com/snippets/4?tab=2", edit.GetProperty("url").GetString());
        Assert.Equal("Snippet 4 · Example", edit.GetProperty("title").GetString());
        Assert.Equal((8, 13), (edit.GetProperty("selection").GetProperty("start").GetInt32(), edit.GetProperty("selection").GetProperty("end").GetInt32()));

        var plain = JsonDocument.Parse(ServerMessageEncoder.ToBytes(new ServerMessage.EditRequest("s", "t", "code", "js", "b", 0))).RootElement.GetProperty("payload");
        Assert.False(plain.TryGetProperty("url", out _) || plain.TryGetProperty("title", out _) || plain.TryGetProperty("selection", out _));
    }

    [Fact]
    public void A_connect_says_it_accepts_code_merged_with_a_payload_flag_and_the_seeds_connect_does_not()
    {
        Assert.True(((ClientMessage.BrowserConnect)Decoded("""{"type":"browser_connect","connectionId":"b","userId":"u","payload":{"acceptsCodeMerged":true}}""")).AcceptsMerged);
        Assert.True(((ClientMessage.DesktopConnect)Decoded("""{"type":"desktop_connect","connectionId":"d","userId":"u","payload":{"acceptsCodeMerged":true,"sessions":[]}}""")).AcceptsMerged);
        Assert.False(((ClientMessage.BrowserConnect)Decoded("""{"type":"browser_connect","connectionId":"b","userId":"u"}""")).AcceptsMerged);
        Assert.False(((ClientMessage.DesktopConnect)Decoded("""{"type":"desktop_connect","connectionId":"d","userId":"u","payload":{"acceptsCodeMerged":null}}""")).AcceptsMerged);
    }

    [Fact]
    public void A_connect_whose_code_merged_flag_is_not_a_boolean_is_an_invalid_message()
    {
        var error = DecodeClient("""{"type":"browser_connect","connectionId":"b","userId":"u","payload":{"acceptsCodeMerged":"yes"}}""");
        Assert.Equal(ErrorCode.InvalidMessage, error.Fold(_ => (ErrorCode?)null, e => e.Code));
    }

    [Fact]
    public void EmptyUrlAndTitle_AreTheSameAsAbsent()
    {
        var edit = Decoded("""{"type":"edit_request","sessionId":"s","payload":{"textareaId":"t","code":"x","url":"","title":""}}""");
        Assert.Null(((ClientMessage.EditRequest)edit).Page);
    }

    [Theory]
    [InlineData("""{"baseSeq":-1}""", "message.payload.baseSeq must be a non-negative integer")]
    [InlineData("""{"baseSeq":"7"}""", "message.payload.baseSeq must be a non-negative integer")]
    [InlineData("""{"baseSeq":1.5}""", "message.payload.baseSeq must be a non-negative integer")]
    public void CodeUpdate_WithAMistypedBaseSeq_IsRefused(string extra, string message)
    {
        var payload = extra.TrimEnd('}') + ""","code":"x"}""";
        var error = Refused("""{"type":"code_update","sessionId":"s","payload":""" + payload + "}");
        Assert.Equal(new DecodeError(ErrorCode.InvalidMessage, message, "s"), error);
    }

    [Theory]
    [InlineData("\"url\":\"/relative/path\"", "message.payload.url must be an absolute URL")]
    [InlineData("\"url\":\"not a url\"", "message.payload.url must be an absolute URL")]
    [InlineData("\"url\":\"https://a.example/\\u001b[2J\"", "message.payload.url must not contain control characters")]
    [InlineData("\"url\":42", "message.payload.url must be a string")]
    [InlineData("\"title\":\"line\\nbreak\"", "message.payload.title must not contain control characters")]
    [InlineData("\"selection\":{\"start\":2}", "message.payload.selection.end must be a non-negative integer")]
    [InlineData("\"selection\":{\"start\":-1,\"end\":2}", "message.payload.selection.start must be a non-negative integer")]
    [InlineData("\"selection\":{\"start\":3,\"end\":2}", "message.payload.selection.end must not be before selection.start")]
    [InlineData("\"selection\":{\"start\":0,\"end\":6}", "message.payload.selection.end is beyond the end of code (5 UTF-16 units)")]
    [InlineData("\"selection\":{\"start\":0,\"end\":99999999999}", "message.payload.selection.end is beyond the end of code (5 UTF-16 units)")]
    [InlineData("\"selection\":[0,1]", "message.payload.selection must be an object")]
    public void EditRequest_WithABadPageContext_IsRefusedNamingTheField(string field, string message)
    {
        var error = Refused("""{"type":"edit_request","sessionId":"s","payload":{"textareaId":"t","code":"12345",""" + field + "}}");
        Assert.Equal(new DecodeError(ErrorCode.InvalidMessage, message, "s"), error);
    }

    [Fact]
    public void EditRequest_PageContextLimits_AreExact()
    {
        string With(string field, int length)
        {
            var value = field == "url" ? "https://a.example/" + new string('a', length - 18) : new string('a', length);
            return """{"type":"edit_request","sessionId":"s","payload":{"textareaId":"t","code":"x",""" + $"\"{field}\":\"{value}\"" + "}}";
        }
        Assert.True(DecodeClient(With("url", PageContextRules.MaxUrlLength)).IsRight);
        Assert.Equal("message.payload.url is longer than 8192 characters", Refused(With("url", PageContextRules.MaxUrlLength + 1)).Message);
        Assert.True(DecodeClient(With("title", PageContextRules.MaxTitleLength)).IsRight);
        Assert.Equal("message.payload.title is longer than 1024 characters", Refused(With("title", PageContextRules.MaxTitleLength + 1)).Message);
    }

    [Fact]
    public void Selection_CountsUtf16Units_SoAnEmojiIsTwo()
    {
        Assert.True(DecodeClient("""{"type":"edit_request","sessionId":"s","payload":{"textareaId":"t","code":"🎉","selection":{"start":2,"end":2}}}""").IsRight);
        Assert.True(DecodeClient("""{"type":"edit_request","sessionId":"s","payload":{"textareaId":"t","code":"🎉","selection":{"start":3,"end":3}}}""").IsLeft);
    }

    static ClientMessage Decoded(string json) => DecodeClient(json).Fold(x => x, e => throw new Xunit.Sdk.XunitException(e.Message));

    static DecodeError Refused(string json) => DecodeClient(json).Fold(m => throw new Xunit.Sdk.XunitException($"decoded {m}"), e => e);

    static string Json(ServerMessage m) => System.Text.Encoding.UTF8.GetString(ServerMessageEncoder.ToBytes(m));
}
