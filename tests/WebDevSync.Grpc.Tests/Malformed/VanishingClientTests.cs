using System.Net.Http.Headers;
using Grpc.Testing;
using WebDevSync.Grpc.Tests.Hosting;
using Xunit;

namespace WebDevSync.Grpc.Tests.Malformed;

/// <summary>A client that resets its stream in the middle of a duplex call: the call ends CANCELLED, the server goes on.</summary>
public sealed class VanishingClientTests(InteropServer server) : IClassFixture<InteropServer>
{
    [Fact]
    public async Task ClientResetMidStream_EndsCallAsCancelled_AndServerKeepsServing()
    {
        using var client = RawGrpc.H2c();
        var content = new StreamingContent();
        using var request = RawGrpc.Request(server.H2cBase, "/grpc.testing.TestService/FullDuplexCall", content);
        request.Version = client.DefaultRequestVersion;
        request.VersionPolicy = client.DefaultVersionPolicy;
        using var abandon = new CancellationTokenSource();
        content.Send(RawGrpc.Frame(new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 7 } } }));

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abandon.Token);
        var body = await response.Content.ReadAsStreamAsync(abandon.Token);
        var first = new byte[5 + 11]; // frame header + StreamingOutputCallResponse{payload{type, body[7]}}
        await body.ReadExactlyAsync(first, abandon.Token);
        Assert.Equal(11, first[4]);

        // Vanish: the stream is reset while the request body is still open.
        abandon.Cancel();
        response.Dispose();

        var call = await server.WaitForCallAsync(c => c.Method.EndsWith("/FullDuplexCall") && c.ClientAborted);
        Assert.Equal(GrpcStatusCode.Cancelled, call.Status.Code);
        var next = await RawGrpc.PostAsync(client, server.H2cBase, "/grpc.testing.TestService/EmptyCall", RawGrpc.Frame(new Empty()));
        Assert.Equal("0", next.GrpcStatus);
    }

    [Fact]
    public async Task GrpcWebSubscriberClosingItsConnection_EndsCallAsCancelled()
    {
        using var client = RawGrpc.Http1();
        var content = new StreamingContent();
        content.Send(RawGrpc.Frame(new Empty()));
        content.End();
        using var request = RawGrpc.Request(server.Http1Base, "/" + ProbeService.Name + "/Subscribe", content, "application/grpc-web+proto");
        request.Version = client.DefaultRequestVersion;
        request.VersionPolicy = client.DefaultVersionPolicy;
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        response.Dispose(); // HTTP/1.1: the only way to stop a response midway is to close the connection

        var call = await server.WaitForCallAsync(c => c.Method.EndsWith("/Subscribe") && c.ClientAborted);
        Assert.Equal(GrpcStatusCode.Cancelled, call.Status.Code);
    }
}
