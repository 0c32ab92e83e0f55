using System.Text.RegularExpressions;

namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>The real relay server process on an ephemeral loopback port; restartable on the same port.</summary>
public sealed class RelayServer : IAsyncDisposable
{
    private ChildProcess? _process;
    private Dictionary<string, string> _env = [];

    public int Port { get; private set; }

    public int GrpcPort { get; private set; }

    public string WsUrl => $"ws://127.0.0.1:{Port}/web-dev-sync/ws";

    public string GrpcUrl => $"grpc://127.0.0.1:{GrpcPort}";

    /// <param name="env">Extra environment, e.g. <c>SESSION_SECRET</c> to turn authentication on.</param>
    public static async Task<RelayServer> StartAsync(Dictionary<string, string>? env = null)
    {
        var server = new RelayServer { _env = env ?? [] };
        await server.RunAsync(0, 0);
        return server;
    }

    private async Task RunAsync(int port, int grpcPort)
    {
        if (!File.Exists(Repo.ServerDll)) throw new InvalidOperationException($"relay server not built: {Repo.ServerDll} (dotnet build transport/WebDevSync.Server)");
        _process = new ChildProcess("dotnet", [Repo.ServerDll, "--port", port.ToString(), "--grpc-port", grpcPort.ToString()], _env);
        var line = await _process.WaitForLineAsync(@"WebDevSync listening on http://127\.0\.0\.1:(\d+)/web-dev-sync/");
        Port = int.Parse(line.Groups[1].Value);
        GrpcPort = int.Parse((await _process.WaitForLineAsync(@"WebDevSync gRPC \(h2c\) listening on http://127\.0\.0\.1:(\d+)")).Groups[1].Value);
    }

    /// <summary>Kills the process outright (no graceful close: the clients see the connection drop).</summary>
    public void Kill() => _process?.Kill();

    /// <summary>A new server process on the same port.</summary>
    public async Task RestartAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        for (var i = 0; ; i++)
        {
            try { await RunAsync(Port, GrpcPort); return; }
            catch (InvalidOperationException) when (i < 20) { await Task.Delay(250); } // the port may linger a moment
        }
    }

    /// <summary>Runs the server's <c>token</c> subcommand (same environment) and returns the token it prints.</summary>
    public async Task<string> MintTokenAsync(string user)
    {
        await using var mint = new ChildProcess("dotnet", [Repo.ServerDll, "token", "--user", user, "--ttl", "1h"], _env);
        if (await mint.WaitForExitAsync() != 0) throw new InvalidOperationException($"token subcommand failed: {mint.Errors}");
        await Waits.UntilAsync(() => mint.Lines.Count > 0, "the token line");
        return mint.Lines[^1].Trim();
    }

    public ValueTask DisposeAsync() => _process?.DisposeAsync() ?? ValueTask.CompletedTask;
}
