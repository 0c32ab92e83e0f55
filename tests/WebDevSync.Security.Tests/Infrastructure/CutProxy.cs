using System.Net.Sockets;

namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on 127.0.0.1 between a client and the relay, whose connections a test can cut at any
/// moment (RST, no close handshake), as a network drop would.
/// </summary>
public sealed class CutProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly List<(Socket A, Socket B)> _pairs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public CutProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri WsUrl => new($"ws://127.0.0.1:{Port}/web-dev-sync/ws");

    public int Cuts { get; private set; }

    /// <summary>Resets every proxied connection at once.</summary>
    public void CutAll()
    {
        lock (_pairs)
        {
            foreach (var (a, b) in _pairs)
            {
                Reset(a);
                Reset(b);
            }
            if (_pairs.Count > 0) Cuts++;
            _pairs.Clear();
        }
    }

    private static void Reset(Socket s)
    {
        try
        {
            s.LingerState = new LingerOption(true, 0);
            s.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = await _listener.AcceptSocketAsync(_stop.Token);
                }
                catch (SocketException) when (!_stop.IsCancellationRequested)
                {
                    continue; // a connection reset while it waited to be accepted
                }
                var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    client.NoDelay = true;
                    await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                }
                catch (SocketException)
                {
                    // This one client went away while being set up (a cut can land here): drop it, keep accepting.
                    Reset(client);
                    Reset(server);
                    continue;
                }
                lock (_pairs) _pairs.Add((client, server));
                _ = PipeAsync(client, server);
                _ = PipeAsync(server, client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task PipeAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0) break;
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Reset(from);
            Reset(to);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        await _accepting;
        _stop.Dispose();
    }
}
