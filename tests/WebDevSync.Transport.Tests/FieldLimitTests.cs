using System.Buffers;
using System.Text;
using LanguageExt;
using WebDevSync.Core.Protocol;
using WebDevSync.Json;
using WebDevSync.Proto;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Transport.Tests;

/// <summary>
/// The field limits docs/SECURITY.md lists (textarea id 256, file type 32, reason 256 chars, 1024 listed
/// sessions, JSON depth 16) hold in both wire forms: a field at its limit is accepted, one past it is
/// <c>INVALID_MESSAGE</c>, from the JSON decoder and from the protobuf mapping alike.
/// </summary>
public sealed class FieldLimitTests
{
    private const int Max = 5 * 1024 * 1024;

    public static TheoryData<string> Fields() => ["textarea_id", "file_type", "reason", "browser_sessions", "desktop_sessions"];

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_field_at_its_limit_is_accepted_and_one_past_it_is_invalid_in_JSON_and_protobuf(string field)
    {
        var limit = LimitOf(field);
        Assert.Null(JsonProblem(JsonOf(field, limit)));
        Assert.Null(ProtoProblem(ProtoOf(field, limit)));
        Assert.Equal(ErrorCode.InvalidMessage, JsonProblem(JsonOf(field, limit + 1))?.Code);
        Assert.Equal(ErrorCode.InvalidMessage, ProtoProblem(ProtoOf(field, limit + 1))?.Code);
    }

    [Fact]
    public void JSON_nested_16_deep_is_read_and_17_deep_is_invalid()
    {
        Assert.Null(JsonProblem(PingNested(Limits.MaxDepth)));
        Assert.Equal(ErrorCode.InvalidMessage, JsonProblem(PingNested(Limits.MaxDepth + 1))?.Code);
    }

    private static int LimitOf(string field) => field switch
    {
        "textarea_id" => Limits.MaxTextareaIdLength,
        "file_type" => Limits.MaxFileTypeLength,
        "reason" => Limits.MaxReasonLength,
        _ => Limits.MaxListedSessions,
    };

    private static string JsonOf(string field, int n) => field switch
    {
        "textarea_id" => """{"type":"edit_request","sessionId":"s","payload":{"textareaId":""" + Quoted('t', n) + ""","code":"x"}}""",
        "file_type" => """{"type":"edit_request","sessionId":"s","payload":{"textareaId":"t","code":"x","fileType":""" + Quoted('f', n) + "}}",
        "reason" => """{"type":"session_closed","sessionId":"s","payload":{"reason":""" + Quoted('r', n) + "}}",
        "browser_sessions" => """{"type":"browser_connect","connectionId":"b","userId":"u","payload":{"sessions":[""" +
            string.Join(',', Enumerable.Range(0, n).Select(i => "{\"sessionId\":\"s" + i + "\",\"seq\":1}")) + "]}}",
        "desktop_sessions" => """{"type":"desktop_connect","connectionId":"d","userId":"u","payload":{"sessions":[""" +
            string.Join(',', Enumerable.Range(0, n).Select(i => "{\"sessionId\":\"s" + i + "\",\"textareaId\":\"t\",\"browserConnectionId\":\"b\"}")) + "]}}",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static string Quoted(char c, int n) => "\"" + new string(c, n) + "\"";

    private static V1.ClientMessage ProtoOf(string field, int n)
    {
        switch (field)
        {
            case "textarea_id": return new V1.ClientMessage { EditRequest = new V1.EditRequest { SessionId = "s", TextareaId = new string('t', n), Code = "x" } };
            case "file_type": return new V1.ClientMessage { EditRequest = new V1.EditRequest { SessionId = "s", TextareaId = "t", Code = "x", FileType = new string('f', n) } };
            case "reason": return new V1.ClientMessage { SessionClosed = new V1.SessionClosed { SessionId = "s", Reason = new string('r', n) } };
            case "browser_sessions":
                var tab = new V1.ClientMessage { ConnectionId = "b", UserId = "u", BrowserConnect = new V1.BrowserConnect() };
                tab.BrowserConnect.Sessions.AddRange(Enumerable.Range(0, n).Select(i => new V1.SessionCursor { SessionId = $"s{i}", Seq = 1 }));
                return tab;
            case "desktop_sessions":
                var agent = new V1.ClientMessage { ConnectionId = "d", UserId = "u", DesktopConnect = new V1.DesktopConnect() };
                agent.DesktopConnect.Sessions.AddRange(Enumerable.Range(0, n).Select(i => new V1.AnnouncedSession { SessionId = $"s{i}", TextareaId = "t", BrowserConnectionId = "b" }));
                return agent;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }
    }

    /// <summary>A ping whose extra field nests objects until the whole message is <paramref name="depth"/> deep.</summary>
    private static string PingNested(int depth) =>
        """{"type":"ping","x":""" + string.Concat(Enumerable.Repeat("{\"x\":", depth - 2)) + "{}" + new string('}', depth - 2) + "}";

    private static DecodeError? JsonProblem(string json) =>
        ClientMessageDecoder.Decode(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), Max).Fold(_ => (DecodeError?)null, e => e);

    private static DecodeError? ProtoProblem(V1.ClientMessage message) =>
        ProtoMapping.ToCore(message, Max).Fold(_ => (DecodeError?)null, e => e);
}
