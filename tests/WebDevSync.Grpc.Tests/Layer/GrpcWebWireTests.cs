using System.Net;
using System.Text;
using Grpc.Testing;
using WebDevSync.Grpc.Tests.Hosting;
using WebDevSync.Grpc.Wire;
using Xunit;

namespace WebDevSync.Grpc.Tests.Layer;

/// <summary>
/// gRPC-Web as bytes on the HTTP/1.1 port: text mode (base64 both ways, which Connect's client does not
/// speak), the trailer frame, CORS preflight and exposed headers.
/// </summary>
public sealed class GrpcWebWireTests(InteropServer server) : IClassFixture<InteropServer>, IDisposable
{
    private const string Unary = "/grpc.testing.TestService/UnaryCall";
    private const string TextType = "application/grpc-web-text";
    private readonly HttpClient _client = RawGrpc.Http1();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task TextMode_Unary_AnswersInBase64_WithMessageAndTrailerFrame()
    {
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(RawGrpc.Frame(new SimpleRequest { ResponseSize = 100 })));
        var response = await RawGrpc.PostAsync(_client, server.Http1Base, Unary, body, TextType);
        Assert.Equal("application/grpc-web-text", response.ContentType);
        var frames = RawGrpc.SplitFrames(DecodeChunks(response.Body));
        Assert.Equal(2, frames.Count);
        Assert.Equal(0, frames[0].Flags);
        Assert.Equal(100, SimpleResponse.Parser.ParseFrom(frames[0].Payload).Payload.Body.Length);
        Assert.Equal(0x80, frames[1].Flags);
        Assert.Contains(new KeyValuePair<string, string>("grpc-status", "0"), WebTrailers.Parse(frames[1].Payload));
    }

    [Fact]
    public async Task TextMode_RequestInSeparatelyPaddedChunks_IsDecoded()
    {
        var frame = RawGrpc.Frame(new SimpleRequest { ResponseSize = 3 });
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(frame, 0, 4) + Convert.ToBase64String(frame, 4, frame.Length - 4));
        Assert.Contains((byte)'=', body[..8]);
        var response = await RawGrpc.PostAsync(_client, server.Http1Base, Unary, body, TextType);
        var frames = RawGrpc.SplitFrames(DecodeChunks(response.Body));
        Assert.Equal(3, SimpleResponse.Parser.ParseFrom(frames[0].Payload).Payload.Body.Length);
    }

    [Fact]
    public async Task TextMode_ServerStreaming_SendsEachFrameAsItsOwnBase64Chunk()
    {
        var request = new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 1 }, new ResponseParameters { Size = 2 } } };
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(RawGrpc.Frame(request)));
        var response = await RawGrpc.PostAsync(_client, server.Http1Base, "/grpc.testing.TestService/StreamingOutputCall", body, TextType);
        var frames = RawGrpc.SplitFrames(DecodeChunks(response.Body));
        Assert.Equal([0, 0, 0x80], frames.Select(f => (int)f.Flags));
    }

    [Fact]
    public async Task TextMode_InvalidBase64_EndsWithInternal()
    {
        var response = await RawGrpc.PostAsync(_client, server.Http1Base, Unary, Encoding.ASCII.GetBytes("!!!!not base64!!"), TextType);
        var frames = RawGrpc.SplitFrames(DecodeChunks(response.Body));
        Assert.Contains(new KeyValuePair<string, string>("grpc-status", "13"), WebTrailers.Parse(frames.Single().Payload));
    }

    [Fact]
    public async Task BinaryMode_ImmediateError_IsATrailerFrameOnly_WithPercentEncodedMessage()
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 3, Message = "bad 100% ☺" } };
        var response = await RawGrpc.PostAsync(_client, server.Http1Base, Unary, RawGrpc.Frame(request), "application/grpc-web+proto");
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("application/grpc-web+proto", response.ContentType);
        var trailers = WebTrailers.Parse(response.Frames.Single(f => f.Flags == 0x80).Payload);
        Assert.Contains(new KeyValuePair<string, string>("grpc-status", "3"), trailers);
        Assert.Contains(new KeyValuePair<string, string>("grpc-message", "bad 100%25 %E2%98%BA"), trailers);
    }

    [Fact]
    public async Task CorsPreflight_AllowsPostFromTheOrigin_WithTheRequestedHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri(server.Http1Base, Unary));
        request.Headers.Add("Origin", "http://example.test");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-grpc-web,x-user-agent");
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://example.test", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("content-type,x-grpc-web,x-user-agent", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
    }

    [Fact]
    public async Task CallFromAnOrigin_ExposesStatusHeadersToTheBrowser()
    {
        var response = await RawGrpc.PostAsync(_client, server.Http1Base, Unary, RawGrpc.Frame(new SimpleRequest()),
            "application/grpc-web+proto", ("Origin", "http://example.test"));
        Assert.Equal("http://example.test", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").Single();
        Assert.Contains("grpc-status", exposed);
        Assert.Contains("grpc-message", exposed);
    }

    /// <summary>A grpc-web-text body is base64 chunks, each padded on its own.</summary>
    private static byte[] DecodeChunks(byte[] text)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        Assert.Equal(Base64Chunks.DecodeResult.Ok, Base64Chunks.Decode(text, output, out var consumed));
        Assert.Equal(text.Length, consumed);
        return output.WrittenSpan.ToArray();
    }
}
