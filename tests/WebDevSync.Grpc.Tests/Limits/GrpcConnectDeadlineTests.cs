using Grpc.Core;
using Grpc.Net.Client;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Grpc.Tests.Limits;

/// <summary>A relay whose connect timeout is short (long enough that a loaded machine still connects in time).</summary>
public sealed class ShortConnectTimeoutRelay : RelayUnderTest
{
    protected override ServerOptions Options => new() { Port = 0, GrpcPort = 0, HandshakeTimeoutMs = 2000 };
}

/// <summary>The router's connect deadline holds for gRPC streams as for WebSockets: a silent stream is ended, a connected one stays.</summary>
public sealed class GrpcConnectDeadlineTests(ShortConnectTimeoutRelay relay) : IClassFixture<ShortConnectTimeoutRelay>, IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(relay.GrpcBase);

    private V1.WebDevSync.WebDevSyncClient Client => new(_channel);

    [Fact]
    public async Task StreamThatNeverSendsConnect_IsEndedWithDeadlineExceeded_AfterTheConnectTimeout()
    {
        using var silent = Client.Connect(cancellationToken: Token());
        var ended = await Assert.ThrowsAsync<RpcException>(() => silent.ResponseStream.MoveNext(Token()));
        Assert.Equal(StatusCode.DeadlineExceeded, ended.StatusCode);
        Assert.Equal("no connect message in time", ended.Status.Detail);
    }

    [Fact]
    public async Task ConnectedStream_OutlivesTheConnectTimeout_AndStillAnswers()
    {
        using var agent = Client.Connect(cancellationToken: Token());
        await agent.RequestStream.WriteAsync(new V1.ClientMessage { ConnectionId = "deadline-d1", UserId = "deadline", DesktopConnect = new V1.DesktopConnect() });
        Assert.True(await agent.ResponseStream.MoveNext(Token()));
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, agent.ResponseStream.Current.BodyCase);

        // Outlive the deadline by waiting for an event that follows it: a silent stream being ended.
        using var silent = Client.Connect(cancellationToken: Token());
        await Assert.ThrowsAsync<RpcException>(() => silent.ResponseStream.MoveNext(Token()));

        await agent.RequestStream.WriteAsync(new V1.ClientMessage { Ping = new V1.Ping() });
        Assert.True(await agent.ResponseStream.MoveNext(Token()));
        Assert.Equal(V1.ServerMessage.BodyOneofCase.Pong, agent.ResponseStream.Current.BodyCase);
    }

    public void Dispose() => _channel.Dispose();

    private static CancellationToken Token() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
