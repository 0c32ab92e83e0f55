using System.Net;
using System.Text;
using WebDevSync.TestKit.Raw;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Grpc.Tests.Malformed;

/// <summary>
/// Bad input sent by hand to the relay's service, on the native gRPC (h2c) port and as gRPC-Web on the
/// HTTP/1.1 port: each ends the call with a status (never a crash or an HTTP error for a gRPC-level
/// fault), and the same connection then still serves a good call.
/// </summary>
public sealed class MalformedInputTests(RelayUnderTest relay) : IClassFixture<RelayUnderTest>, IDisposable
{
    private const string Send = "/webdevsync.v1.WebDevSync/Send";
    private const string Connect = "/webdevsync.v1.WebDevSync/Connect";
    // grpc-dotnet ends a call whose message it cannot parse (or whose length prefix is past 2 GiB)
    // with UNKNOWN, "Exception was thrown by handler." (EnableDetailedErrors is off).
    private const string Unknown = "2";
    private const string Internal = "13", ResourceExhausted = "8", Unimplemented = "12", DeadlineExceeded = "4", NotFound = "5";
    private readonly HttpClient _h2c = RawGrpc.H2c();
    private readonly HttpClient _http1 = RawGrpc.Http1();

    public void Dispose()
    {
        _h2c.Dispose();
        _http1.Dispose();
    }

    private static V1.ClientMessage Ping => new() { ConnectionId = "nobody", Ping = new V1.Ping() };

    [Fact]
    public async Task GarbageMessageBytes_EndWithUnknown() =>
        await AssertStatusThenServingAsync(await PostAsync(Send, GrpcFrames.Frame([0xFF, 0xFF, 0xFF, 0xFF])), Unknown);

    [Fact]
    public async Task GarbageMessageOnAStream_EndsTheStreamWithInternal() =>
        await AssertStatusThenServingAsync(await PostAsync(Connect, [.. RawGrpc.Frame(Ping), .. GrpcFrames.Frame([0xFF, 0xFF, 0xFF, 0xFF])]), Internal);

    [Fact]
    public async Task DeclaredLengthPast2GiBOnAStream_EndsTheStreamWithInternal() =>
        await AssertStatusThenServingAsync(await PostAsync(Connect, [.. RawGrpc.Frame(Ping), .. GrpcFrames.Frame(new byte[16], declaredLength: uint.MaxValue)]), Internal);

    [Fact]
    public async Task TruncatedFrame_EndsWithInternal()
    {
        var response = await PostAsync(Send, GrpcFrames.Frame(new byte[10], declaredLength: 100));
        await AssertStatusThenServingAsync(response, Internal);
    }

    [Fact]
    public async Task TruncatedFrameOnAStream_EndsTheStreamWithInternal() =>
        await AssertStatusThenServingAsync(await PostAsync(Connect, [.. RawGrpc.Frame(Ping), .. GrpcFrames.Frame(new byte[10], declaredLength: 100)]), Internal);

    [Fact]
    public async Task DeclaredLengthPastTheLimit_EndsWithResourceExhausted() =>
        await AssertStatusThenServingAsync(await PostAsync(Send, GrpcFrames.Frame(new byte[16], declaredLength: int.MaxValue)), ResourceExhausted);

    [Fact]
    public async Task DeclaredLengthPast2GiB_EndsWithUnknown() =>
        await AssertStatusThenServingAsync(await PostAsync(Send, GrpcFrames.Frame(new byte[16], declaredLength: uint.MaxValue)), Unknown);

    [Fact]
    public async Task OversizedMessage_EndsWithResourceExhausted()
    {
        var big = new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "s", Code = new string('x', RelayUnderTest.MaxMessageBytes + 4096) } };
        await AssertStatusThenServingAsync(await PostAsync(Connect, RawGrpc.Frame(big)), ResourceExhausted);
    }

    [Fact]
    public async Task CompressedFrameWithoutAnEncoding_EndsWithInternal() =>
        await AssertStatusThenServingAsync(await PostAsync(Send, RawGrpc.Frame(Ping, flags: 1)), Internal);

    [Fact]
    public async Task CompressedFrameInAnUnknownEncoding_EndsWithUnimplemented_AndNamesTheEncodingsItTakes()
    {
        var response = await RawGrpc.PostAsync(_h2c, relay.GrpcBase, Send, RawGrpc.Frame(Ping, flags: 1), "application/grpc", ("grpc-encoding", "snappy"));
        Assert.Contains("identity", response.Get("grpc-accept-encoding"));
        await AssertStatusThenServingAsync(response, Unimplemented);
    }

    [Fact]
    public async Task GzipFrameThatIsNotGzip_EndsWithAStatus()
    {
        var response = await RawGrpc.PostAsync(_h2c, relay.GrpcBase, Send, GrpcFrames.Frame([1, 2, 3, 4, 5], flags: 1), "application/grpc", ("grpc-encoding", "gzip"));
        Assert.NotNull(response.GrpcStatus);
        Assert.NotEqual("0", response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task EmptyBodyForAUnaryMethod_EndsWithInternal() =>
        await AssertStatusThenServingAsync(await PostAsync(Send, []), Internal);

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    public async Task WrongContentType_GetsHttp415(string contentType)
    {
        var response = await RawGrpc.PostAsync(_h2c, relay.GrpcBase, Send, RawGrpc.Frame(Ping), contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("/no.such.Service/Method")]
    [InlineData("/webdevsync.v1.WebDevSync/NoSuchMethod")]
    public async Task UnknownMethod_GetsUnimplemented(string path) =>
        await AssertStatusThenServingAsync(await PostAsync(path, RawGrpc.Frame(Ping)), Unimplemented);

    [Fact]
    public async Task NativeGrpcOverHttp11_IsRefusedWithHttp426()
    {
        var response = await RawGrpc.PostAsync(_http1, new Uri(relay.WebBase), Send, RawGrpc.Frame(Ping));
        Assert.Equal(HttpStatusCode.UpgradeRequired, response.HttpStatus);
    }

    [Fact]
    public async Task GrpcTimeout_IsEnforcedByTheRelay_WithDeadlineExceeded()
    {
        var connect = new V1.ClientMessage { ConnectionId = "sleepy", UserId = "sleepy", BrowserConnect = new V1.BrowserConnect() };
        var response = await RawGrpc.PostAsync(_h2c, relay.GrpcBase, "/webdevsync.v1.WebDevSync/Subscribe", RawGrpc.Frame(connect), "application/grpc", ("grpc-timeout", "200m"));
        await AssertStatusThenServingAsync(response, DeadlineExceeded);
    }

    [Fact]
    public async Task GrpcWebTruncatedFrame_AnswersHttp200WithInternal()
    {
        var response = await RawGrpc.PostAsync(_http1, new Uri(relay.WebBase), Send, GrpcFrames.Frame(new byte[10], declaredLength: 100), "application/grpc-web+proto");
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(Internal, response.WebStatus);
        var again = await RawGrpc.PostAsync(_http1, new Uri(relay.WebBase), Send, RawGrpc.Frame(Ping), "application/grpc-web+proto");
        Assert.Equal(NotFound, again.WebStatus);
    }

    [Fact]
    public async Task GrpcWebGarbageText_AnswersAStatus()
    {
        var response = await RawGrpc.PostAsync(_http1, new Uri(relay.WebBase), Send, Encoding.ASCII.GetBytes("!!not base64!!"), "application/grpc-web-text");
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.HttpStatus);
        var again = await RawGrpc.PostAsync(_http1, new Uri(relay.WebBase), Send, RawGrpc.Frame(Ping), "application/grpc-web+proto");
        Assert.Equal(NotFound, again.WebStatus);
    }

    private Task<RawGrpcResponse> PostAsync(string path, byte[] body) => RawGrpc.PostAsync(_h2c, relay.GrpcBase, path, body);

    private async Task AssertStatusThenServingAsync(RawGrpcResponse response, string status)
    {
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(status == response.GrpcStatus, $"grpc-status {response.GrpcStatus} ({response.GrpcMessage}), expected {status}");
        await AssertStillServingAsync();
    }

    /// <summary>A well-formed Send on the same client: the service decodes it and answers NOT_FOUND (no such subscription).</summary>
    private async Task AssertStillServingAsync()
    {
        var response = await PostAsync(Send, RawGrpc.Frame(Ping));
        Assert.Equal(NotFound, response.GrpcStatus);
    }
}
