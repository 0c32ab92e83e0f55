using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WebDevSync.TestKit.Processes;

/// <summary>
/// Debian's redis-server as a child process on 127.0.0.1 and an ephemeral port, keeping nothing on disk;
/// it can be stopped and started again on the same port (a Redis outage). The Cluster suite and the bench
/// share it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string? _dir;
    private Process? _process;

    private RedisServer(int port, string? dir) => (Port, _dir) = (port, dir);

    public int Port { get; }

    /// <summary>The running server's process id (for CPU readings); 0 when it is stopped.</summary>
    public int Pid => _process is { HasExited: false } p ? p.Id : 0;

    /// <summary>The StackExchange.Redis configuration string the relays are given.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <param name="dir">Redis's working directory (<c>--dir</c>); the current directory when null. Nothing is saved there.</param>
    public static async Task<RedisServer> StartAsync(string? dir = null)
    {
        var server = new RedisServer(FreePort(), dir);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>A port for a Redis that is not started yet (<see cref="StartAgainAsync"/> starts it).</summary>
    public static RedisServer NotStarted() => new(FreePort(), null);

    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" }) info.ArgumentList.Add(a);
        if (_dir is not null) { info.ArgumentList.Add("--dir"); info.ArgumentList.Add(_dir); }
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("Ready to accept connections") == true) ready.TrySetResult(); };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await ready.Task.WaitAsync(Timeouts.Wait);
    }

    /// <summary>SIGKILL: the relays lose their connections at once.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } p) return;
        p.Kill();
        await p.WaitForExitAsync();
        p.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
