using System.Net.Http.Json;
using System.Text.Json;

namespace WebDevSync.TestKit.Processes;

/// <summary>
/// The real relay (<c>dotnet WebDevSync.Server.dll</c>) as a child process, with the seed's environment
/// variables cleared so the machine's environment cannot change the outcome: tests can SIGTERM it,
/// SIGKILL it, start it again on the same port and read its memory from /proc.
/// </summary>
public sealed class RelayProcess : IAsyncDisposable
{
    private static readonly string[] SeedVariables = ["PORT", "CORS_ORIGINS", "DEBUG", "SESSION_SECRET", "WEBDEVSYNC_CONFIG"];

    private readonly ChildProcess _process;
    private readonly IReadOnlyList<string> _args;
    private readonly IReadOnlyDictionary<string, string> _env;

    private RelayProcess(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        (_args, _env) = (args, env);
        if (!File.Exists(RepoPaths.ServerDll)) throw new InvalidOperationException($"build the relay first: {RepoPaths.ServerDll} is missing");
        _process = new ChildProcess(StartInfo(args, env));
    }

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The HTTP port, once <see cref="ListeningAsync"/> saw it.</summary>
    public int Port { get; private set; }

    /// <summary>The h2c port, once <see cref="GrpcPortAsync"/> saw it.</summary>
    public int? GrpcPort { get; private set; }

    public Uri HttpUrl => new($"http://127.0.0.1:{Port}/");
    public Uri WsUrl => new($"ws://127.0.0.1:{Port}/web-dev-sync/ws");

    public string Stdout => _process.Output;
    public string Stderr => _process.Errors;

    /// <summary>Everything the process wrote so far (stdout, then stderr), for assertions and failure messages.</summary>
    public string Output => Stdout + "\n" + Stderr;

    /// <summary>Starts the relay with exactly <paramref name="args"/> and does not wait (a start that must fail, a subcommand).</summary>
    public static RelayProcess Launch(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null) =>
        new([.. args], env ?? new Dictionary<string, string>());

    /// <summary>Starts the relay on 127.0.0.1 (<paramref name="port"/>, 0: ephemeral; gRPC ephemeral) and waits until it listens.</summary>
    public static async Task<RelayProcess> StartAsync(IEnumerable<string>? args = null, IReadOnlyDictionary<string, string>? env = null, int port = 0)
    {
        var relay = Launch(["--host", "127.0.0.1", "--port", port.ToString(), "--grpc-port", "0", .. args ?? []], env);
        try
        {
            await relay.ListeningAsync();
            return relay;
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the relay to its end (a subcommand such as <c>token</c>, or a start that must fail).</summary>
    public static Task<ProcessResult> RunToExitAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null) =>
        ProcessResult.RunAsync(StartInfo([.. args], env ?? new Dictionary<string, string>()));

    /// <summary>
    /// Kills this process and starts a new one with the same arguments and environment on the same HTTP port
    /// (and gRPC port, when <see cref="GrpcPortAsync"/> read it); the ports may linger a moment.
    /// </summary>
    public async Task<RelayProcess> RestartAsync()
    {
        var (port, grpc) = (Port, GrpcPort);
        await DisposeAsync();
        var args = Pinned(_args, port, grpc);
        for (var attempt = 0; ; attempt++)
        {
            var relay = Launch(args, _env);
            try
            {
                await relay.ListeningAsync();
                return relay;
            }
            catch (InvalidOperationException) when (attempt < 40)
            {
                await relay.DisposeAsync();
                await Task.Delay(250);
            }
        }
    }

    /// <summary>The <c>http://127.0.0.1:PORT/web-dev-sync/</c> (<c>https://</c> with TLS) the relay printed once ready; an <see cref="InvalidOperationException"/> when it exited first.</summary>
    public async Task<Uri> ListeningAsync()
    {
        var line = await _process.WaitForLineAsync(@"WebDevSync listening on (?<url>https?://[^/:]+:(?<port>\d+)/web-dev-sync/)");
        Port = int.Parse(line.Groups["port"].Value);
        return new Uri(line.Groups["url"].Value);
    }

    /// <summary>The h2c port, printed on the line after the HTTP one.</summary>
    public async Task<int> GrpcPortAsync()
    {
        var line = await _process.WaitForLineAsync(@"WebDevSync gRPC \(h2c\) listening on http://[^/:]+:(\d+)");
        return (GrpcPort = int.Parse(line.Groups[1].Value)).Value;
    }

    /// <summary>Waits for a line the relay printed to standard output or error.</summary>
    public Task WaitForTextAsync(string text) => _process.WaitForTextAsync(text);

    /// <summary>SIGTERM, as a service manager sends it.</summary>
    public Task TerminateAsync()
    {
        _process.Signal("TERM");
        return Task.CompletedTask;
    }

    /// <summary>SIGSTOP: the process freezes (a long GC pause, a VM stall) until <see cref="Resume"/>.</summary>
    public void Pause() => _process.Signal("STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => _process.Signal("CONT");

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed; the clients see their connections drop.</summary>
    public void Kill() => _process.Kill();

    /// <summary>The exit code; the wait only turns a hang into a failure.</summary>
    public Task<int> ExitCodeAsync() => _process.WaitForExitAsync();

    public async Task<JsonElement> StatusAsync()
    {
        using var http = new HttpClient { BaseAddress = HttpUrl, Timeout = Timeouts.Wait };
        return await http.GetFromJsonAsync<JsonElement>("web-dev-sync/status");
    }

    /// <summary>Waits until the status satisfies <paramref name="condition"/> (the relay learns of closed sockets asynchronously).</summary>
    public async Task WaitForStatusAsync(Func<JsonElement, bool> condition, string what)
    {
        JsonElement last = default;
        try
        {
            await Poll.UntilAsync(async () => condition(last = await StatusAsync()), what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last status: {last}");
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>Only what the test says: nothing inherited may switch auth, origins or ports.</summary>
    private static System.Diagnostics.ProcessStartInfo StartInfo(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        var start = ChildProcess.StartInfo("dotnet", [RepoPaths.ServerDll, .. args]);
        foreach (var name in start.Environment.Keys.ToList())
            if (SeedVariables.Contains(name) || name.StartsWith("WEBDEVSYNC", StringComparison.OrdinalIgnoreCase)) start.Environment.Remove(name);
        foreach (var (k, v) in env) start.Environment[k] = v;
        return start;
    }

    private static string[] Pinned(IReadOnlyList<string> args, int port, int? grpc)
    {
        var pinned = args.ToArray();
        for (var i = 0; i + 1 < pinned.Length; i++)
            if (pinned[i] == "--port") pinned[i + 1] = port.ToString();
            else if (pinned[i] == "--grpc-port" && grpc is not null) pinned[i + 1] = grpc.Value.ToString();
        return pinned;
    }
}
