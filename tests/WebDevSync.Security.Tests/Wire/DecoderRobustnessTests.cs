using System.Buffers;
using System.Text;
using WebDevSync.Json;

namespace WebDevSync.Security.Tests.Wire;

/// <summary>Frames the fuzz test found to break a connection, decoded without a server: each must be an error result.</summary>
public sealed class DecoderRobustnessTests
{
    [Theory]
    [InlineData("""{"type":"code_update","sessionId":"s","payload":{"code":"\ud800"}}""")]
    [InlineData("""{"type":"code_update","sessionId":"s","payload":{"code":"\ud800\udc00\udbff"}}""")]
    [InlineData("""{"type":"edit_request","sessionId":"\udc00","payload":{"textareaId":"t","code":"x"}}""")]
    [InlineData("""{"type":"\ud800"}""")]
    [InlineData("""{"type":"session_closed","sessionId":"s","payload":{"reason":"\udfff"}}""")]
    [InlineData("""{"type":"browser_connect","connectionId":"c","userId":"u","payload":{"sessions":[{"sessionId":"\ud800","seq":1}]}}""")]
    [InlineData("""{"type":"code_update","sessionId":"s","payload":{"code":"x"},"sessionId":"\ud800"}""")]
    [InlineData("""{"type":"browser_connect","connectionId":"c","userId":"u","payload":{"sessions":[{"sessionId":"s","seq":1e400}]}}""")]
    [InlineData("""{"type":"browser_connect","connectionId":"c","userId":"u","payload":{"sessions":[{"sessionId":"s","seq":99999999999999999999}]}}""")]
    public void Decode_OfHostileStrings_ReturnsAnErrorInsteadOfThrowing(string json)
    {
        var result = ClientMessageDecoder.Decode(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), 1024);
        Assert.True(result.IsLeft, "decoded to a message");
    }
}
