using System.Threading.Channels;
using LanguageExt;
using WebDevSync.Agent.Connection;
using WebDevSync.Json;

namespace WebDevSync.Agent.Tests.Connection;

/// <summary>The link driver over a fake transport: what any <see cref="IRelayConnection"/> (WebSocket, gRPC) gets and gives.</summary>
public sealed class LinkDriverTests
{
    private sealed class FakeConnection : IRelayConnection
    {
        public readonly ConcurrentQueue<ClientMessage> Sent = new();
        public readonly Channel<ServerMessage> Incoming = Channel.CreateUnbounded<ServerMessage>();
        public LinkEnd End = new("closed by the server", 4001);
        public bool Refuse;
        public bool Closed;

        public Task ConnectAsync(CancellationToken ct) => Refuse ? throw new IOException("no route") : Task.CompletedTask;

        public ValueTask SendAsync(ClientMessage message, CancellationToken ct)
        {
            Sent.Enqueue(message);
            return ValueTask.CompletedTask;
        }

        public async Task<LinkEnd> ReceiveAsync(Action<Either<DecodeError, ServerMessage>> onFrame, CancellationToken ct)
        {
            await foreach (var m in Incoming.Reader.ReadAllAsync(CancellationToken.None)) onFrame(m);
            return End;
        }

        public Task CloseAsync(CancellationToken ct)
        {
            Closed = true;
            Incoming.Writer.TryComplete();
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private readonly ConcurrentQueue<AgentEvent> _events = new();

    private Task<T> NextAsync<T>() where T : AgentEvent =>
        Poll.UntilAsync(() => _events.OfType<T>().Any(), typeof(T).Name).ContinueWith(_ => _events.OfType<T>().First());

    [Fact]
    public async Task Frames_go_both_ways_tagged_with_the_attempt_and_the_close_status_comes_back()
    {
        var fake = new FakeConnection();
        var driver = new LinkDriver(() => fake, _events.Enqueue, () => 42);
        driver.Connect(7);
        Assert.Equal(7, (await NextAsync<AgentEvent.LinkOpened>()).Attempt);

        driver.Send(7, new ClientMessage.Ping(Claims.None));
        driver.Send(6, new ClientMessage.Ping(Claims.None)); // an old link's message is dropped
        fake.Incoming.Writer.TryWrite(new ServerMessage.Pong());
        Assert.Equal(7, (await NextAsync<AgentEvent.Received>()).Attempt);
        await Poll.UntilAsync(() => fake.Sent.Count == 1, "the ping");

        fake.Incoming.Writer.TryComplete();
        var closed = await NextAsync<AgentEvent.LinkClosed>();
        Assert.Equal((7, 4001), (closed.Attempt, closed.CloseStatus));
    }

    [Fact]
    public async Task A_refused_connect_is_a_closed_link_with_the_reason()
    {
        var driver = new LinkDriver(() => new FakeConnection { Refuse = true }, _events.Enqueue, () => 42);
        driver.Connect(1);
        var closed = await NextAsync<AgentEvent.LinkClosed>();
        Assert.Equal("no route", closed.Reason);
        Assert.Empty(_events.OfType<AgentEvent.LinkOpened>());
    }

    [Fact]
    public async Task Disconnect_sends_what_is_queued_then_closes()
    {
        var fake = new FakeConnection();
        var driver = new LinkDriver(() => fake, _events.Enqueue, () => 42);
        driver.Connect(1);
        await NextAsync<AgentEvent.LinkOpened>();
        driver.Send(1, new ClientMessage.SessionClosed(Claims.None, "s1", "agent_exit"));
        driver.Disconnect(1);
        await driver.ShutdownAsync();
        Assert.IsType<ClientMessage.SessionClosed>(Assert.Single(fake.Sent));
        Assert.True(fake.Closed);
    }
}
