using WebDevSync.Core.Protocol;
using WebDevSync.Proto;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Server.Tests.Wire;

/// <summary>Both decoders measure code in UTF-8 bytes, as the message limit does, and say so.</summary>
public class CodeLimitCodecTests
{
    private const string SixAccents = "éééééé"; // 6 chars, 12 bytes

    [Fact]
    public void JsonEditRequest_WhoseCodeFitsInCharsButNotInBytes_IsPayloadTooLarge()
    {
        var json = $$$"""{"type":"edit_request","sessionId":"s1","payload":{"textareaId":"t1","code":"{{{SixAccents}}}","fileType":"js"}}""";
        var error = (DecodeError)CodecAssert.DecodeClient(json, maxCode: 10);
        Assert.Equal(ErrorCode.PayloadTooLarge, error.Code);
        Assert.Equal("message.payload.code is larger than 10 bytes (UTF-8)", error.Message);
    }

    [Fact]
    public void JsonEditRequest_WithCodeOfExactlyTheLimitInBytes_IsAccepted() =>
        Assert.True(CodecAssert.DecodeClient(
            """{"type":"edit_request","sessionId":"s1","payload":{"textareaId":"t1","code":"ééééé","fileType":"js"}}""", maxCode: 10).IsRight);

    [Fact]
    public void ProtobufCodeUpdate_WhoseCodeFitsInCharsButNotInBytes_IsPayloadTooLarge()
    {
        var message = new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "s1", Code = SixAccents } };
        var error = (DecodeError)ProtoMapping.ToCore(message, 10);
        Assert.Equal(ErrorCode.PayloadTooLarge, error.Code);
        Assert.Equal("code is larger than 10 bytes (UTF-8)", error.Message);
    }
}
