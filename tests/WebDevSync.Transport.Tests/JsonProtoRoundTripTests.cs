using System.Buffers;
using FsCheck;
using Google.Protobuf;
using WebDevSync.Core.Protocol;
using WebDevSync.Json;
using WebDevSync.Proto;
using WebDevSync.Tests.Properties;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Transport.Tests;

/// <summary>
/// The JSON and protobuf forms map one to one: every message survives JSON → core → protobuf bytes →
/// core → JSON unchanged (compared in the encoder's canonical form: the encoder escapes characters
/// outside the BMP, which the input may spell raw).
/// </summary>
public sealed class JsonProtoRoundTripTests
{
    private const int Max = 5 * 1024 * 1024;

    public static TheoryData<string> ClientMessages() =>
    [
        """{"type":"browser_connect","connectionId":"b-1","userId":"alice"}""",
        """{"type":"browser_connect","connectionId":"b-1","userId":"alice","payload":{"sessions":[{"sessionId":"s1","seq":3},{"sessionId":"s2","seq":0}]}}""",
        """{"type":"desktop_connect","connectionId":"d-1","userId":"alice"}""",
        """{"type":"desktop_connect","connectionId":"d-1","userId":"alice","payload":{"sessions":[{"sessionId":"s1","textareaId":"code-1","fileType":"js","browserConnectionId":"b-1"}]}}""",
        """{"type":"edit_request","connectionId":"b-1","userId":"alice","sessionId":"s1","payload":{"textareaId":"code-editor-1","code":"console.log('hello');","fileType":"js"}}""",
        """{"type":"edit_request","sessionId":"s1","payload":{"textareaId":"t","code":"","fileType":"txt"}}""",
        """{"type":"code_update","connectionId":"d-1","userId":"alice","sessionId":"s1","payload":{"textareaId":"code-editor-1","code":"console.log('hello world!');"}}""",
        """{"type":"code_update","sessionId":"s1","payload":{"code":"ünïcödé 🎉 \"quoted\" \\ back\nslash"}}""",
        """{"type":"session_closed","sessionId":"s1","payload":{"reason":"editor_exited"}}""",
        """{"type":"session_closed","sessionId":"s1"}""",
        """{"type":"ping"}""",
        """{"type":"ping","connectionId":"b-1"}""",
        // live editing and page context (README "Live editing", "Page context")
        """{"type":"code_update","connectionId":"b-1","userId":"alice","sessionId":"s1","payload":{"textareaId":"code-editor-1","code":"console.log('hi');","baseSeq":7}}""",
        """{"type":"code_update","sessionId":"s1","payload":{"code":"x","baseSeq":0}}""",
        """{"type":"browser_connect","connectionId":"b-1","userId":"alice","payload":{"acceptsCodeMerged":true}}""",
        """{"type":"desktop_connect","connectionId":"d-1","userId":"alice","payload":{"acceptsCodeMerged":true,"sessions":[{"sessionId":"s1","textareaId":"code-1","fileType":"js","browserConnectionId":"b-1","seq":8}]}}""",
        """{"type":"desktop_connect","connectionId":"d-1","userId":"alice","payload":{"sessions":[{"sessionId":"s1","textareaId":"code-1","fileType":"js","browserConnectionId":"b-1","seq":8},{"sessionId":"s2","textareaId":"code-2","fileType":"js","browserConnectionId":"b-1","seq":0}]}}""",
        """{"type":"edit_request","sessionId":"s1","payload":{"textareaId":"t","code":"let x = 1;","fileType":"js","url":"https://app.example.com/snippets/4?tab=2","title":"Snippet 4 · Example","selection":{"start":4,"end":5}}}""",
        """{"type":"edit_request","sessionId":"s1","payload":{"textareaId":"t","code":"abc","fileType":"js","selection":{"start":0,"end":0}}}""",
        // changes as edits (README "Edits")
        """{"type":"code_update","sessionId":"s1","payload":{"textareaId":"t","edits":[[0,1,"O"],[5,5,"🎉"]],"length":12,"hash":4294967295,"baseSeq":3}}""",
        """{"type":"code_update","sessionId":"s1","payload":{"edits":[],"length":0,"hash":0,"baseSeq":0}}""",
        """{"type":"code_refresh","sessionId":"s1"}""",
        """{"type":"browser_connect","connectionId":"b-1","userId":"alice","payload":{"acceptsCodeMerged":true,"acceptsEdits":true}}""",
        """{"type":"desktop_connect","connectionId":"d-1","userId":"alice","payload":{"acceptsEdits":true}}""",
    ];

    [Theory]
    [MemberData(nameof(ClientMessages))]
    public void ClientMessage_JsonToProtobufAndBack_IsUnchanged(string json)
    {
        var core = Decode(json);
        var bytes = ProtoMapping.ToProto(core).ToByteArray();
        var back = ProtoMapping.ToCore(V1.ClientMessage.Parser.ParseFrom(bytes), Max).Fold(m => m, e => throw new Xunit.Sdk.XunitException(e.Message));
        Assert.Equal(Json(core), Json(back));
        Assert.Equal(Json(Decode(json)), Json(Decode(Json(back))));
    }

    public static TheoryData<ServerMessage> ServerMessages() =>
    [
        new ServerMessage.ConnectionAck("b-1", Role.Browser, "alice"),
        new ServerMessage.ConnectionAck("d-1", Role.Agent, "alice"),
        new ServerMessage.DesktopStatus(true),
        new ServerMessage.DesktopStatus(false),
        new ServerMessage.EditRequest("s1", "code-1", "x = 1 🎉", "py", "b-1", 7),
        new ServerMessage.CodeUpdate("s1", "code-1", "line\nline 2 ✓", 42),
        new ServerMessage.SessionClosed("s1", "code-1", "editor_exited"),
        new ServerMessage.Pong(),
        new ServerMessage.CodeAck("s1", "code-1", 8),
        new ServerMessage.CodeOvertaken("s1", "code-1", "the relay's text ✓", 9),
        new ServerMessage.CodeMerged("s1", "code-1", "both sides' text ✓", 10),
        new ServerMessage.CodeEdits("s1", "code-1", 10, [new(0, 1, "O"), new(4, 4, "✓ 🎉")], new(17, 123456789), 11),
        new ServerMessage.EditRequest("s1", "code-1", "x = 1", "py", "b-1", 0, new PageContext("https://a.example/p", "A page", new TextSelection(0, 5))),
        new ServerMessage.EditRequest("s1", "code-1", "x = 1", "py", "b-1", 0, new PageContext(null, "Only a title", null)),
        .. Enum.GetValues<ErrorCode>().Select(c => (ServerMessage)new ServerMessage.Error(c, $"message for {c}", "b-1", "s1")),
        new ServerMessage.Error(ErrorCode.NotConnected, "Send browser_connect or desktop_connect first", null, null),
    ];

    [Theory]
    [MemberData(nameof(ServerMessages))]
    public void ServerMessage_CoreToJsonAndProtobuf_DecodeToTheSameJson(ServerMessage message)
    {
        var json = Json(message);
        var viaJson = ServerMessageDecoder.Decode(ServerMessageEncoder.ToBytes(message)).Fold(m => m, e => throw new Xunit.Sdk.XunitException(e.Message));
        var viaProto = ProtoMapping.ToCore(V1.ServerMessage.Parser.ParseFrom(ProtoMapping.ToProto(message).ToByteArray())).Fold(m => m, () => throw new Xunit.Sdk.XunitException("no body"));
        Assert.Equal(json, Json(viaJson));
        Assert.Equal(json, Json(viaProto));
    }

    [Property(Cases.Brief)]
    public bool CodeUpdate_AnyText_RoundTripsThroughBothForms(NonNull<string> text)
    {
        var code = text.Get;
        var json = $$$"""{"type":"code_update","sessionId":"s1","payload":{"code":{{{System.Text.Json.JsonSerializer.Serialize(code)}}}}}""";
        var core = Decode(json);
        var back = ProtoMapping.ToCore(V1.ClientMessage.Parser.ParseFrom(ProtoMapping.ToProto(core).ToByteArray()), Max).Fold(m => m, e => throw new Exception(e.Message));
        return back is ClientMessage.CodeUpdate u && u.Code == code;
    }

    [Fact]
    public void ProtobufClientMessage_WithoutSessionId_IsInvalidMessage_LikeJson()
    {
        var message = new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { Code = "x" } };
        var error = ProtoMapping.ToCore(message, Max).Fold(_ => (DecodeError?)null, e => e);
        Assert.Equal(ErrorCode.InvalidMessage, error?.Code);
    }

    [Fact]
    public void ProtobufClientMessage_WithTooMuchCode_IsPayloadTooLarge_LikeJson()
    {
        var message = new V1.ClientMessage { EditRequest = new V1.EditRequest { SessionId = "s", TextareaId = "t", Code = new string('x', 11) } };
        Assert.Equal(ErrorCode.PayloadTooLarge, ProtoMapping.ToCore(message, 10).Fold(_ => (DecodeError?)null, e => e)?.Code);
    }

    [Theory]
    [InlineData("url", "url must be an absolute URL")]
    [InlineData("title", "title must not contain control characters")]
    [InlineData("selection", "selection.end is beyond the end of code (3 UTF-16 units)")]
    [InlineData("base_seq", "base_seq must be a non-negative integer")]
    public void ProtobufPageContextAndBaseSeq_AreCheckedByTheJsonRules(string field, string message)
    {
        var edit = new V1.EditRequest { SessionId = "s", TextareaId = "t", Code = "abc" };
        if (field == "url") edit.Url = "/relative";
        if (field == "title") edit.Title = "a\u0007b";
        if (field == "selection") edit.Selection = new V1.Selection { Start = 0, End = 4 };
        var m = field == "base_seq"
            ? new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "s", Code = "x", BaseSeq = -1 } }
            : new V1.ClientMessage { EditRequest = edit };
        var error = ProtoMapping.ToCore(m, Max).Fold(_ => (DecodeError?)null, e => e);
        Assert.Equal(new DecodeError(ErrorCode.InvalidMessage, message, "s"), error);
    }

    [Fact]
    public void ProtobufBaseSeq_Zero_IsAValue_AndUnset_IsAbsent()
    {
        var zero = ProtoMapping.ToCore(new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "s", Code = "x", BaseSeq = 0 } }, Max);
        var unset = ProtoMapping.ToCore(new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "s", Code = "x" } }, Max);
        Assert.Equal(0L, zero.Fold(m => ((ClientMessage.CodeUpdate)m).BaseSeq, _ => -1));
        Assert.Null(unset.Fold(m => ((ClientMessage.CodeUpdate)m).BaseSeq, _ => -1));
    }

    [Fact]
    public void ProtobufConnectionAck_SaysTheRelayTakesEdits_AsTheJsonOneDoes()
    {
        var ack = new ServerMessage.ConnectionAck("b-1", Role.Browser, "alice");
        Assert.Contains("\"acceptsEdits\":true", Json(ack), StringComparison.Ordinal);
        Assert.True(V1.ServerMessage.Parser.ParseFrom(ProtoMapping.ToProto(ack).ToByteArray()).ConnectionAck.AcceptsEdits);
    }

    private static ClientMessage Decode(string json) =>
        ClientMessageDecoder.Decode(new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(json)), Max).Fold(m => m, e => throw new Xunit.Sdk.XunitException(e.Message));

    private static string Json(ClientMessage m) => System.Text.Encoding.UTF8.GetString(ClientMessageEncoder.ToBytes(m));

    private static string Json(ServerMessage m) => System.Text.Encoding.UTF8.GetString(ServerMessageEncoder.ToBytes(m));
}
