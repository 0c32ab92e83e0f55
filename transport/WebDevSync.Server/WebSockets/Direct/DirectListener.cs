using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;

namespace WebDevSync.Server.WebSockets.Direct;

/// <summary>
/// Kestrel's transport for the plain-HTTP port, with one detour: a connection whose first request is a
/// WebSocket upgrade for the relay's path is served right on its socket (<see cref="NetworkStream"/> +
/// <c>WebSocket.CreateFromStream</c>), without Kestrel's per-connection HTTP objects — an idle relay
/// connection then costs about a third of the memory (docs/PERFORMANCE.md). Every other connection
/// (pages, status, gRPC-Web, a keep-alive connection that upgrades later) is handed to Kestrel with
/// its bytes unread: the first bytes are only peeked at.
/// </summary>
internal sealed class DirectListener : IConnectionListener
{
    private readonly Socket _listen;
    private readonly byte[] _requestPrefix;
    private readonly TimeSpan _headTimeout;
    private readonly WebSocketEndpoint _endpoint;
    private readonly ILogger _log;
    private readonly SocketConnectionContextFactory _kestrel;
    private readonly Channel<ConnectionContext> _handOff = Channel.CreateUnbounded<ConnectionContext>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _served;

    private DirectListener(Socket listen, byte[] requestPrefix, TimeSpan headTimeout, WebSocketEndpoint endpoint, ILogger log)
    {
        (_listen, _requestPrefix, _headTimeout, _endpoint, _log) = (listen, requestPrefix, headTimeout, endpoint, log);
        _kestrel = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), log);
        EndPoint = listen.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    public EndPoint EndPoint { get; }

    public static DirectListener Bind(IPEndPoint address, byte[] requestPrefix, TimeSpan headTimeout, WebSocketEndpoint endpoint, ILogger log)
    {
        var listen = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.Address.Equals(IPAddress.IPv6Any)) listen.DualMode = true;
            listen.Bind(address);
            listen.Listen(512);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listen.Dispose();
            throw new AddressInUseException(e.Message, e); // Kestrel's message for a taken port
        }
        return new DirectListener(listen, requestPrefix, headTimeout, endpoint, log);
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (await _handOff.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                if (_handOff.Reader.TryRead(out var connection)) return connection;
        }
        catch (OperationCanceledException) { }
        return null; // unbound: Kestrel's accept loop ends
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listen.AcceptAsync(_stop.Token).ConfigureAwait(false);
                client.NoDelay = true;
                _ = SortAsync(client);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { break; }
            catch (SocketException) { } // a connection reset before it was accepted
        }
        _handOff.Writer.TryComplete();
    }

    /// <summary>One connection: sort it, then serve it here or leave it to Kestrel. Its one error boundary.</summary>
    private async Task SortAsync(Socket client)
    {
        var handedOff = false;
        Interlocked.Increment(ref _served);
        try
        {
            // Opening is its own call: what the handshake read is garbage once it returns (see OpenDirectAsync).
            var (opened, kestrel) = await OpenAsync(client).ConfigureAwait(false);
            handedOff = kestrel;
            if (opened is not null) await _endpoint.ServeDirectAsync(opened).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException) { }
        catch (Exception e)
        {
            Log.ConnectionFailed(_log, "direct", e.GetType().Name);
        }
        finally
        {
            Interlocked.Decrement(ref _served);
            if (!handedOff) Close(client);
        }
    }

    /// <summary>Hands the connection to Kestrel, refuses it, or opens a WebSocket on it.</summary>
    private async Task<(OpenedWebSocket? Opened, bool HandedOff)> OpenAsync(Socket client)
    {
        var (sniff, head) = await PeekHeadAsync(client).ConfigureAwait(false);
        if (sniff == Sniff.NotOurs) return (null, _handOff.Writer.TryWrite(_kestrel.Create(client)));
        if (sniff == Sniff.NeedMore) return (null, false); // gave up on a partial head
        // The stream owns the socket: a WebSocket that aborts (say, pings unanswered) disposes its stream,
        // and only closing the socket ends the receive still pending on it.
        var stream = new NetworkStream(client, ownsSocket: true);
        var remote = (client.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        if (sniff == Sniff.TooLarge || head is null) await _endpoint.RefuseDirectAsync(stream, WebSocketEndpoint.HeadTooLarge).ConfigureAwait(false);
        else if (UpgradeHead.Parse(head, remote) is { } upgrade) return (await _endpoint.OpenDirectAsync(stream, upgrade).ConfigureAwait(false), false);
        else await _endpoint.RefuseDirectAsync(stream, WebSocketEndpoint.NotWebSocket).ConfigureAwait(false);
        return (null, false);
    }

    /// <summary>
    /// Peeks until the first bytes decide. A head split across packets is re-peeked every few ms (a
    /// zero-byte receive returns at once while unread bytes wait). A connection that sent nothing in
    /// time goes to Kestrel, whose own timeouts apply; one that sent part of our head is dropped.
    /// On <see cref="Sniff.Complete"/> the head is consumed and returned; nothing else is consumed.
    /// </summary>
    private async Task<(Sniff, byte[]?)> PeekHeadAsync(Socket client)
    {
        using var timeout = new CancellationTokenSource(_headTimeout);
        try
        {
            await client.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return (Sniff.NotOurs, null);
        }
        var buffer = ArrayPool<byte>.Shared.Rent(UpgradeHead.MaxBytes);
        try
        {
            while (true)
            {
                var n = client.Receive(buffer, 0, UpgradeHead.MaxBytes, SocketFlags.Peek);
                if (n == 0) return (Sniff.NeedMore, null); // closed before a whole head: nothing to serve
                var sniff = UpgradeHead.Classify(buffer.AsSpan(0, n), _requestPrefix, out var length);
                if (sniff == Sniff.Complete) return (sniff, Consume(client, buffer, length));
                if (sniff != Sniff.NeedMore) return (sniff, null);
                await Task.Delay(5, timeout.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the peeked head for real, so the WebSocket starts at the first frame.</summary>
    private static byte[] Consume(Socket client, byte[] buffer, int length)
    {
        for (var read = 0; read < length;)
        {
            var n = client.Receive(buffer, read, length - read, SocketFlags.None);
            read += n > 0 ? n : throw new IOException("closed during the handshake");
        }
        return buffer[..length];
    }

    private static void Close(Socket client)
    {
        try { client.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        client.Dispose();
    }

    public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _stop.Cancel();
        _listen.Dispose();
        await _acceptLoop.ConfigureAwait(false);
    }

    /// <summary>Waits (up to 5 s) for direct connections the shutdown already asked to close.</summary>
    public async ValueTask DisposeAsync()
    {
        await UnbindAsync().ConfigureAwait(false);
        for (var waited = 0; Volatile.Read(ref _served) > 0 && waited < 5000; waited += 20) await Task.Delay(20).ConfigureAwait(false);
        _kestrel.Dispose();
        _stop.Dispose();
    }
}
