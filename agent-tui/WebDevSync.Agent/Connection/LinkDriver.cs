using System.Threading.Channels;
using WebDevSync.Agent.Model;
using WebDevSync.Core.Protocol;
using WebDevSync.Json;

namespace WebDevSync.Agent.Connection;

/// <summary>
/// Carries out the reducer's link effects: one numbered link at a time, an outbox drained by one
/// writer (so a slow socket never blocks the agent), and every outcome posted back as an event
/// tagged with the link's number.
/// </summary>
public sealed class LinkDriver(Func<IRelayConnection> connect, Action<AgentEvent> post, Func<long> clock)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);
    private readonly object _gate = new();
    private Link? _current;

    private sealed record Link(int Attempt, IRelayConnection Connection, Channel<ClientMessage> Outbox, CancellationTokenSource Stop)
    {
        public Task Finished { get; set; } = Task.CompletedTask;
    }

    public void Connect(int attempt)
    {
        var link = new Link(attempt, connect(), Channel.CreateUnbounded<ClientMessage>(new() { SingleReader = true }), new CancellationTokenSource());
        Link? old;
        lock (_gate) (old, _current) = (_current, link);
        if (old is not null) Abort(old);
        link.Finished = Task.Run(() => RunAsync(link));
    }

    public void Send(int attempt, ClientMessage message)
    {
        var link = Volatile.Read(ref _current);
        if (link?.Attempt == attempt) link.Outbox.Writer.TryWrite(message);
    }

    /// <summary>Sends what is queued, then closes; gives up after a short wait.</summary>
    public void Disconnect(int attempt)
    {
        var link = Volatile.Read(ref _current);
        if (link?.Attempt != attempt) return;
        link.Outbox.Writer.TryComplete();
        link.Stop.CancelAfter(CloseTimeout + CloseTimeout);
    }

    /// <summary>Waits (bounded) for the current link to finish its last sends and close.</summary>
    public async Task ShutdownAsync()
    {
        var link = Volatile.Read(ref _current);
        if (link is null) return;
        link.Outbox.Writer.TryComplete();
        await Task.WhenAny(link.Finished, Task.Delay(CloseTimeout + CloseTimeout));
        link.Stop.Cancel();
    }

    private static void Abort(Link link)
    {
        link.Outbox.Writer.TryComplete();
        link.Stop.Cancel();
    }

    private async Task RunAsync(Link link)
    {
        var ct = link.Stop.Token;
        await using var connection = link.Connection;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ConnectTimeout);
            await connection.ConnectAsync(timeout.Token);
        }
        catch (RelayRefusedException e) when (!ct.IsCancellationRequested)
        {
            Closed(link, new LinkEnd(e.Message, null, e.Refusal));
            return;
        }
        catch (Exception e)
        {
            Closed(link, new LinkEnd(ct.IsCancellationRequested ? "cancelled" : Reason(e), null));
            return;
        }
        post(new AgentEvent.LinkOpened(link.Attempt, clock()));
        var writer = Task.Run(() => WriteAsync(link));
        var end = await connection.ReceiveAsync(frame => frame.Fold(
            m => { post(new AgentEvent.Received(link.Attempt, m, clock())); return 0; },
            e => { post(new AgentEvent.ReceivedInvalid(link.Attempt, e.Message, clock())); return 0; }), ct);
        link.Outbox.Writer.TryComplete();
        link.Stop.Cancel();
        await writer;
        Closed(link, end);
    }

    private static async Task WriteAsync(Link link)
    {
        var ct = link.Stop.Token;
        try
        {
            await foreach (var message in link.Outbox.Reader.ReadAllAsync(ct))
                await link.Connection.SendAsync(message, ct);
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await link.Connection.CloseAsync(timeout.Token);
        }
        catch (Exception)
        {
            // A failed send ends the link; the reducer resends the newest content after reconnecting.
            link.Stop.Cancel();
        }
    }

    private void Closed(Link link, LinkEnd end) =>
        post(new AgentEvent.LinkClosed(link.Attempt, end.Reason, end.CloseStatus, Random.Shared.NextDouble(), clock(), end.Refusal));

    private static string Reason(Exception e) => e switch
    {
        OperationCanceledException => "connect timed out",
        _ when e.InnerException is System.Net.Sockets.SocketException s => s.SocketErrorCode switch
        {
            System.Net.Sockets.SocketError.ConnectionRefused => "connection refused",
            System.Net.Sockets.SocketError.HostNotFound => "host not found",
            _ => s.Message,
        },
        _ when e.InnerException?.InnerException is System.Net.Sockets.SocketException s2 && s2.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionRefused => "connection refused",
        // An untrusted certificate is an operator's fix (SSL_CERT_FILE, the system's CA store): say so, not "unable to connect".
        _ when TlsFailure(e) is { } tls => $"TLS: {tls.Message}",
        _ => e.Message,
    };

    private static System.Security.Authentication.AuthenticationException? TlsFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is System.Security.Authentication.AuthenticationException a) return a;
        return null;
    }
}
