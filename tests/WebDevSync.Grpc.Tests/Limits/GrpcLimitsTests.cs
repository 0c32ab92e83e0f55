using Grpc.Core;
using Grpc.Net.Client;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Grpc.Tests.Limits;

/// <summary>A relay with small limits: two connections per address, five messages per second.</summary>
public sealed class LimitedRelay : RelayUnderTest
{
    protected override ServerOptions Options => new() { Port = 0, GrpcPort = 0, MaxConnectionsPerAddress = 2, MessageRateLimit = 5, MessageBurst = 5 };
}

/// <summary>
/// The WebSocket's limits hold for gRPC calls too: each streaming call counts against its address's
/// connection limit, and each call's link has the per-connection message rate.
/// </summary>
public sealed class GrpcLimitsTests : IAsyncLifetime
{
    // One relay per test: each test fills the address's two places.
    private readonly LimitedRelay _relay = new();
    private GrpcChannel? _channel;

    private V1.WebDevSync.WebDevSyncClient Client => new(_channel!);

    public async Task InitializeAsync()
    {
        await _relay.InitializeAsync();
        _channel = GrpcChannel.ForAddress(_relay.GrpcBase);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task ThirdStreamFromOneAddress_IsResourceExhausted_UntilOneCloses()
    {
        using var first = await ConnectedAsync("limit-1");
        using var second = await ConnectedAsync("limit-2");
        using var third = Client.Connect(cancellationToken: Token());
        var refused = await Assert.ThrowsAsync<RpcException>(() => third.ResponseStream.MoveNext(Token()));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);

        first.Dispose(); // a cancelled stream gives its place back
        await RetryUntilAsync(async () =>
        {
            using var again = Client.Connect(cancellationToken: Token());
            await again.RequestStream.WriteAsync(Desktop("limit-3"));
            return await again.ResponseStream.MoveNext(Token());
        });
    }

    [Fact]
    public async Task FloodingStream_HearsRateLimitedOnce_ThenIsEndedWithResourceExhausted()
    {
        using var call = await ConnectedAsync("flood");
        var writing = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < 200; i++) await call.RequestStream.WriteAsync(new V1.ClientMessage { Ping = new V1.Ping() });
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException or IOException) { }
        });
        var rateLimited = 0;
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(Token()))
                if (call.ResponseStream.Current.Error is { Code: V1.ErrorCode.RateLimited }) rateLimited++;
        });
        await writing;
        Assert.Equal(1, rateLimited);
        Assert.Equal(StatusCode.ResourceExhausted, ended.StatusCode);
        Assert.Equal("message rate limit exceeded", ended.Status.Detail);
    }

    private async Task<AsyncDuplexStreamingCall<V1.ClientMessage, V1.ServerMessage>> ConnectedAsync(string id)
    {
        var call = Client.Connect(cancellationToken: Token());
        await call.RequestStream.WriteAsync(Desktop(id));
        Assert.True(await call.ResponseStream.MoveNext(Token()));
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, call.ResponseStream.Current.BodyCase);
        return call;
    }

    private static V1.ClientMessage Desktop(string id) => new() { ConnectionId = id, UserId = "limits-" + id, DesktopConnect = new V1.DesktopConnect() };

    private static async Task RetryUntilAsync(Func<Task<bool>> attempt)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if (await attempt()) return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted) { }
            await Task.Delay(50);
        }
        Assert.Fail("the address never got its place back");
    }

    private static CancellationToken Token() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
