namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>The real relay process on ephemeral loopback ports, killed and restarted on the same ports as a test's story needs.</summary>
public sealed class RelayServer : IAsyncDisposable
{
    private readonly Dictionary<string, string>? _env;
    private RelayProcess _relay;

    private RelayServer(RelayProcess relay, Dictionary<string, string>? env) => (_relay, _env) = (relay, env);

    public int Port => _relay.Port;

    public int GrpcPort => _relay.GrpcPort ?? throw new InvalidOperationException("the gRPC port was not read");

    public string WsUrl => _relay.WsUrl.ToString();

    public string GrpcUrl => $"grpc://127.0.0.1:{GrpcPort}";

    /// <param name="env">Extra environment, e.g. <c>SESSION_SECRET</c> to turn authentication on.</param>
    public static async Task<RelayServer> StartAsync(Dictionary<string, string>? env = null)
    {
        var relay = await RelayProcess.StartAsync(env: env);
        await relay.GrpcPortAsync();
        return new RelayServer(relay, env);
    }

    /// <summary>Kills the process outright (no graceful close: the clients see the connection drop).</summary>
    public void Kill() => _relay.Kill();

    /// <summary>A new relay process on the same ports.</summary>
    public async Task RestartAsync()
    {
        _relay = await _relay.RestartAsync();
        await _relay.GrpcPortAsync();
    }

    /// <summary>Runs the relay's <c>token</c> subcommand (same environment) and returns the token it prints.</summary>
    public async Task<string> MintTokenAsync(string user)
    {
        var mint = await RelayProcess.RunToExitAsync(["token", "--user", user, "--ttl", "1h"], _env);
        if (mint.ExitCode != 0) throw new InvalidOperationException($"token subcommand failed: {mint}");
        return mint.Stdout.Trim().Split('\n')[^1].Trim();
    }

    public ValueTask DisposeAsync() => _relay.DisposeAsync();
}
