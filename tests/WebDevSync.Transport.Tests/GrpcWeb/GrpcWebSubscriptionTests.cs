using Grpc.Core;
using WebDevSync.Server.Auth;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Transport.Tests.GrpcWeb;

/// <summary>A relay with authentication on and connect deadlines long enough that a refused stream stays open for a whole test.</summary>
public sealed class TwoTokenRelayFixture : RelayFixture
{
    public const string Secret = "grpc-web-subscriptions-secret-0123456789abcdef";

    protected override ServerOptions Options => new() { Port = 0, GrpcPort = 0, SessionSecret = Secret, HandshakeTimeoutMs = 600_000 };

    public static Metadata Bearer(string user) =>
        new() { { "authorization", "Bearer " + new TokenService(Secret).Mint(user, TimeSpan.FromHours(1), false, DateTimeOffset.UtcNow) } };
}

/// <summary>
/// Issue 22, item 9: gRPC-Web's <c>Send</c> finds its connection by the subscription that owns the
/// connection id, and only a connect the router accepted owns one. Real Kestrel on 127.0.0.1, the
/// generated client on Grpc.Net.Client.Web, two users with their own tokens.
/// </summary>
public sealed class GrpcWebSubscriptionTests(TwoTokenRelayFixture relay) : IClassFixture<TwoTokenRelayFixture>
{
    [Theory]
    [InlineData(GrpcWebMode.Binary)]
    [InlineData(GrpcWebMode.Text)]
    public async Task A_refused_subscribe_does_not_own_the_connection_id(GrpcWebMode mode)
    {
        var tabId = $"tab-alice-{mode}";
        var alice = GrpcChannels.Web(relay.BaseUrl, mode, out var aliceChannel);
        var bob = GrpcChannels.Web(relay.BaseUrl, mode, out var bobChannel);
        using var _ = aliceChannel;
        using var __ = bobChannel;
        using var aliceStream = await AcceptedSubscriptionAsync(alice, tabId, "alice");

        // Bob, with his own valid token, subscribes with Alice's connection id: the router refuses the connect,
        // and his call stays open (a routing error does not end it).
        using var bobStream = bob.Subscribe(new V1.ClientMessage { ConnectionId = tabId, UserId = "bob", BrowserConnect = new() },
            TwoTokenRelayFixture.Bearer("bob"), cancellationToken: Timeouts.Token());
        var refused = await NextAsync(bobStream.ResponseStream);
        Assert.Equal((V1.ServerMessage.BodyOneofCase.Error, V1.ErrorCode.Forbidden), (refused.BodyCase, refused.Error.Code));
        var bobsNext = bobStream.ResponseStream.MoveNext(Timeouts.Token());

        // Alice's Send calls still reach Alice's subscription, every one of them.
        for (var i = 0; i < 3; i++)
        {
            await alice.SendAsync(new V1.ClientMessage { ConnectionId = tabId, Ping = new() }, TwoTokenRelayFixture.Bearer("alice"), cancellationToken: Timeouts.Token());
            Assert.Equal(V1.ServerMessage.BodyOneofCase.Pong, (await NextOfAsync(aliceStream.ResponseStream, V1.ServerMessage.BodyOneofCase.Pong)).BodyCase);
        }
        // And Bob cannot send as that tab.
        var denied = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync(new V1.ClientMessage { ConnectionId = tabId, Ping = new() },
            TwoTokenRelayFixture.Bearer("bob"), cancellationToken: Timeouts.Token()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.False(bobsNext.IsCompleted, "Bob's refused stream stayed open throughout");
    }

    [Theory]
    [InlineData(GrpcWebMode.Binary)]
    [InlineData(GrpcWebMode.Text)]
    public async Task A_Send_to_another_users_subscription_is_permission_denied_and_reaches_nothing_and_an_unknown_id_is_not_found(GrpcWebMode mode)
    {
        var tabId = $"tab-alice-send-{mode}";
        var alice = GrpcChannels.Web(relay.BaseUrl, mode, out var aliceChannel);
        var bob = GrpcChannels.Web(relay.BaseUrl, mode, out var bobChannel);
        using var _ = aliceChannel;
        using var __ = bobChannel;
        using var aliceStream = await AcceptedSubscriptionAsync(alice, tabId, "alice");

        // Bob never subscribed; he names Alice's live subscription in an edit request and a close.
        var hostile = new[]
        {
            new V1.ClientMessage { ConnectionId = tabId, EditRequest = new V1.EditRequest { SessionId = $"s-bob-{mode}", TextareaId = "t", Code = "from bob" } },
            new V1.ClientMessage { ConnectionId = tabId, UserId = "alice", SessionClosed = new V1.SessionClosed { SessionId = $"s-bob-{mode}" } },
        };
        foreach (var message in hostile)
        {
            var denied = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync(message, TwoTokenRelayFixture.Bearer("bob"), cancellationToken: Timeouts.Token()).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }
        var unknown = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync(new V1.ClientMessage { ConnectionId = $"nobody-{mode}", Ping = new() },
            TwoTokenRelayFixture.Bearer("bob"), cancellationToken: Timeouts.Token()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        // Nothing of Bob's reached Alice's stream: up to the answer to her own ping it holds only the desktop_status every ack is followed by.
        await alice.SendAsync(new V1.ClientMessage { ConnectionId = tabId, Ping = new() }, TwoTokenRelayFixture.Bearer("alice"), cancellationToken: Timeouts.Token());
        var seen = new List<V1.ServerMessage.BodyOneofCase>();
        while (seen.LastOrDefault() != V1.ServerMessage.BodyOneofCase.Pong) seen.Add((await NextAsync(aliceStream.ResponseStream)).BodyCase);
        Assert.Equal([V1.ServerMessage.BodyOneofCase.DesktopStatus, V1.ServerMessage.BodyOneofCase.Pong], seen);
    }

    /// <summary>A subscription the router accepted: its first message is the <c>connection_ack</c>.</summary>
    private static async Task<AsyncServerStreamingCall<V1.ServerMessage>> AcceptedSubscriptionAsync(V1.WebDevSync.WebDevSyncClient client, string tabId, string user)
    {
        var stream = client.Subscribe(new V1.ClientMessage { ConnectionId = tabId, UserId = user, BrowserConnect = new() },
            TwoTokenRelayFixture.Bearer(user), cancellationToken: Timeouts.Token());
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, (await NextAsync(stream.ResponseStream)).BodyCase);
        return stream;
    }

    private static async Task<V1.ServerMessage> NextAsync(IAsyncStreamReader<V1.ServerMessage> stream)
    {
        Assert.True(await stream.MoveNext(Timeouts.Token()), "the stream ended");
        return stream.Current;
    }

    private static async Task<V1.ServerMessage> NextOfAsync(IAsyncStreamReader<V1.ServerMessage> stream, V1.ServerMessage.BodyOneofCase kind)
    {
        while (true)
            if ((await NextAsync(stream)) is { } m && m.BodyCase == kind) return m;
    }
}
