using System.Net;
using System.Net.Sockets;

namespace WebDevSync.TestKit.Net;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of one port (a relay node's link to Redis, say) that a test can cut
/// and restore: a cut resets every proxied connection (RST, as a network drop) and refuses new ones until
/// restored, so the client's reconnect attempts fail for as long as the cut lasts.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly List<(Socket A, Socket B)> _pairs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _cut;

    public TcpProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many times <see cref="ResetAll"/> (or <see cref="Cut"/>) found connections to reset.</summary>
    public int Cuts { get; private set; }

    /// <summary>Resets every proxied connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        ResetAll();
    }

    /// <summary>Resets every proxied connection at once; new ones are still let through.</summary>
    public void ResetAll()
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

    public void Restore() => _cut = false;

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
                    continue;
                }
                if (_cut)
                {
                    Reset(client);
                    continue;
                }
                var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    client.NoDelay = true;
                    await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                }
                catch (SocketException)
                {
                    Reset(client); // the target is down (Redis restarting): the client sees its connect fail
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
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
