using System.Net;
using System.Text;
using Grpc.Testing;
using WebDevSync.Grpc.Tests.Hosting;
using Xunit;

namespace WebDevSync.Grpc.Tests.Malformed;

/// <summary>
/// Bad input on the native gRPC (h2c) port, sent by hand over HttpClient: each ends the call with the
/// right status, and the same connection then still serves a good call.
/// </summary>
public sealed class MalformedInputTests(InteropServer server) : IClassFixture<InteropServer>, IDisposable
{
    private const string Unary = "/grpc.testing.TestService/UnaryCall";
    private readonly HttpClient _client = RawGrpc.H2c();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task GarbageMessageBytes_EndWithInternal()
    {
        var response = await PostAsync(Unary, RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal("13", response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task GarbageFrameHeader_EndsWithInternal()
    {
        var response = await PostAsync(Unary, Encoding.ASCII.GetBytes("hello, this is not gRPC"));
        Assert.Equal("13", response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task LengthPrefixLargerThanBody_EndsWithInternal()
    {
        var response = await PostAsync(Unary, RawGrpc.Frame(new byte[10], declaredLength: 100));
        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("Incomplete", response.GrpcMessage);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task HugeDeclaredLength_EndsWithResourceExhausted()
    {
        var response = await PostAsync(Unary, RawGrpc.Frame(new byte[16], declaredLength: uint.MaxValue));
        Assert.Equal("8", response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task RequestMessageOverLimit_EndsWithResourceExhausted()
    {
        var request = new SimpleRequest { Payload = new Payload { Body = Google.Protobuf.ByteString.CopyFrom(new byte[InteropServer.MaxMessageSize + 1]) } };
        var response = await PostAsync(Unary, RawGrpc.Frame(request));
        Assert.Equal("8", response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ResponseMessageOverLimit_EndsWithResourceExhausted()
    {
        var response = await PostAsync(Unary, RawGrpc.Frame(new SimpleRequest { ResponseSize = InteropServer.MaxMessageSize + 1 }));
        Assert.Equal("8", response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task CompressedFrame_EndsWithUnimplemented_AndAdvertisesIdentity()
    {
        var response = await PostAsync(Unary, RawGrpc.Frame(new SimpleRequest(), flags: 1));
        Assert.Equal("12", response.GrpcStatus);
        Assert.Equal("identity", response.Get("grpc-accept-encoding"));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task EmptyBodyForUnaryMethod_EndsWithInternal()
    {
        var response = await PostAsync(Unary, []);
        Assert.Equal("13", response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task TwoMessagesForUnaryMethod_EndWithInternal()
    {
        var response = await PostAsync(Unary, [.. RawGrpc.Frame(new SimpleRequest()), .. RawGrpc.Frame(new SimpleRequest())]);
        Assert.Equal("13", response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("application/grpcx")]
    public async Task WrongContentType_GetsHttp415(string contentType)
    {
        var response = await RawGrpc.PostAsync(_client, server.H2cBase, Unary, RawGrpc.Frame(new SimpleRequest()), contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        Assert.Null(response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("/no.such.Service/Method", "Service is unimplemented")]
    [InlineData("/grpc.testing.TestService/NoSuchMethod", "Method is unimplemented")]
    [InlineData("/not-even/a/grpc/path", "Service is unimplemented")]
    public async Task UnknownPath_GetsTrailersOnlyUnimplemented(string path, string detail)
    {
        var response = await PostAsync(path, RawGrpc.Frame(new Empty()));
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.Headers.Contains("grpc-status"), "Trailers-Only: the status is in the single header block");
        Assert.Equal("12", response.GrpcStatus);
        Assert.Contains(detail, response.GrpcMessage);
        Assert.Empty(response.Body);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task NativeGrpcOverHttp11_GetsHttp426()
    {
        using var http1 = RawGrpc.Http1();
        var response = await RawGrpc.PostAsync(http1, server.Http1Base, Unary, RawGrpc.Frame(new SimpleRequest()));
        Assert.Equal(HttpStatusCode.UpgradeRequired, response.HttpStatus);
    }

    [Fact]
    public async Task GrpcTimeout_IsEnforcedByTheServer_WithDeadlineExceeded()
    {
        var sleepy = new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 1, IntervalUs = 30_000_000 } } };
        var response = await RawGrpc.PostAsync(_client, server.H2cBase, "/grpc.testing.TestService/StreamingOutputCall",
            RawGrpc.Frame(sleepy), "application/grpc", ("grpc-timeout", "200m"));
        Assert.Equal("4", response.GrpcStatus);
        await AssertStillServingAsync();
    }

    private Task<RawGrpcResponse> PostAsync(string path, byte[] body) => RawGrpc.PostAsync(_client, server.H2cBase, path, body);

    private async Task AssertStillServingAsync()
    {
        var response = await PostAsync("/grpc.testing.TestService/EmptyCall", RawGrpc.Frame(new Empty()));
        Assert.Equal("0", response.GrpcStatus);
        Assert.Single(response.Frames);
    }
}
