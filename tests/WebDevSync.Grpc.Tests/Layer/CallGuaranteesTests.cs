using System.Net;
using Grpc.Testing;
using WebDevSync.Grpc.Tests.Hosting;
using Xunit;

namespace WebDevSync.Grpc.Tests.Layer;

/// <summary>Guarantees of the layer itself, checked on the probe service over h2c and gRPC-Web.</summary>
public sealed class CallGuaranteesTests(InteropServer server) : IClassFixture<InteropServer>
{
    private const string Probe = "/" + ProbeService.Name;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Subscription_GetsResponseHeadersBeforeAnyMessage(bool native)
    {
        using var client = native ? RawGrpc.H2c() : RawGrpc.Http1();
        var content = new StreamingContent();
        content.Send(RawGrpc.Frame(new Empty()));
        content.End();
        using var request = RawGrpc.Request(native ? server.H2cBase : server.Http1Base, Probe + "/Subscribe", content,
            native ? "application/grpc" : "application/grpc-web+proto");
        request.Version = client.DefaultRequestVersion;
        request.VersionPolicy = client.DefaultVersionPolicy;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(native ? "application/grpc" : "application/grpc-web", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ConcurrentWriters_OnOneResponse_AllArriveAsWholeFrames()
    {
        // Sizes large enough that one frame takes several buffer segments and flushes can wait on the peer.
        var sizes = Enumerable.Range(1, 100).Select(i => i * 997 % 60_000 + 1).ToArray();
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(sizes.Select(size => new ResponseParameters { Size = size }));
        using var client = RawGrpc.H2c();
        var response = await RawGrpc.PostAsync(client, server.H2cBase, Probe + "/ConcurrentWrites", RawGrpc.Frame(request));
        Assert.Equal("0", response.GrpcStatus);
        var received = response.Frames.Select(f => StreamingOutputCallResponse.Parser.ParseFrom(f.Payload).Payload.Body.Length);
        Assert.Equal(sizes.Order(), received.Order());
    }

    [Fact]
    public async Task HandlerException_EndsWithUnknown_WithoutLeakingItsMessage()
    {
        using var client = RawGrpc.H2c();
        var response = await RawGrpc.PostAsync(client, server.H2cBase, Probe + "/Crash", RawGrpc.Frame(new Empty()));
        Assert.Equal("2", response.GrpcStatus);
        Assert.DoesNotContain("handler bug", response.GrpcMessage);
        var next = await RawGrpc.PostAsync(client, server.H2cBase, "/grpc.testing.TestService/EmptyCall", RawGrpc.Frame(new Empty()));
        Assert.Equal("0", next.GrpcStatus);
    }

    [Fact]
    public async Task BrokenRequestStream_EndsWithItsStatus_EvenWhenTheHandlerSwallowsTheError()
    {
        using var client = RawGrpc.H2c();
        byte[] body = [.. RawGrpc.Frame(new StreamingInputCallRequest()), .. RawGrpc.Frame(new byte[3], declaredLength: 50)];
        var response = await RawGrpc.PostAsync(client, server.H2cBase, Probe + "/SwallowReadErrors", body);
        Assert.Equal("13", response.GrpcStatus);
    }
}
