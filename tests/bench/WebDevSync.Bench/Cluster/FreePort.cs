using System.Net;
using System.Net.Sockets;
using WebDevSync.TestKit.Processes;

namespace WebDevSync.Bench.Cluster;

/// <summary>A loopback port free right now, for programs that cannot report the port they got for 0 (nginx, redis-server).</summary>
public static class FreePort
{
    public static int Pick()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Waits until something accepts connections on the port, or the process is gone.</summary>
    public static async Task WaitAcceptingAsync(int port, ChildProcess owner, string what)
    {
        for (var i = 0; i < 200; i++)
        {
            if (owner.HasExited) throw new InvalidOperationException($"{what} exited (code {owner.ExitCode}) before listening on {port}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new InvalidOperationException($"{what} did not listen on {port} within 10 s");
    }
}
