using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>
/// The real relay as a child process (<c>dotnet WebDevSync.Server.dll</c>) on 127.0.0.1, so tests can
/// kill it with SIGKILL, restart it on the same port and read its memory from /proc.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int? _grpcPort;

    private ServerProcess(Process process, string? secret)
    {
        _process = process;
        Secret = secret;
    }

    public string? Secret { get; }
    public int Port { get; private set; }
    public int? GrpcPort => _grpcPort;

    /// <summary>The h2c port, printed on the line after the HTTP one.</summary>
    public async Task<int> GrpcPortAsync()
    {
        await Timeouts.UntilAsync(() => _grpcPort is not null, "the gRPC listening line");
        return _grpcPort!.Value;
    }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    public Uri HttpUrl => new($"http://127.0.0.1:{Port}/");
    public Uri WsUrl => new($"ws://127.0.0.1:{Port}/web-dev-sync/ws");

    /// <summary>Everything the process wrote so far (stdout and stderr), for failure messages.</summary>
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>
    /// Starts the server with <paramref name="args"/> (switches as on the command line) and waits for its
    /// "listening" line. With a <paramref name="secret"/>, SESSION_SECRET is set and auth is on.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string? secret, IEnumerable<string>? args = null, int port = 0, ITestOutputHelper? log = null,
        IReadOnlyDictionary<string, string>? env = null)
    {
        var server = Launch(secret, ["--host", "127.0.0.1", "--port", port.ToString(), "--grpc-port", "0", .. args ?? []], env);
        try
        {
            if (await server.ListeningAsync() is null)
                throw new InvalidOperationException($"server did not start (exit {server.ExitCode}):\n{server.Output}");
            log?.WriteLine($"server pid {server.Pid} on port {server.Port}");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the server dll to completion (a subcommand, or a start that must fail) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(string? secret, params string[] args)
    {
        using var process = Process.Start(StartInfo(secret, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"server did not exit: {await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the process without waiting; <see cref="ListeningAsync"/> waits for its listening line.</summary>
    public static ServerProcess Launch(string? secret, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var info = StartInfo(secret, args);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process, secret);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>The port of the "listening" line, or null when the process exited first.</summary>
    public async Task<int?> ListeningAsync()
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        var exited = _process.WaitForExitAsync(guard.Token);
        if (await Task.WhenAny(_ready.Task, exited) != _ready.Task) return null;
        return Port = await _ready.Task;
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        await _process.WaitForExitAsync(guard.Token);
    }

    /// <summary>Resident set size of the server process in bytes (VmRSS from /proc).</summary>
    public long RssBytes() => ProcMemory.RssBytes(Pid);

    public async Task<JsonElement> StatusAsync()
    {
        using var http = new HttpClient { BaseAddress = HttpUrl, Timeout = Timeouts.Wait };
        return await http.GetFromJsonAsync<JsonElement>("web-dev-sync/status");
    }

    public async Task WaitForStatusAsync(Func<JsonElement, bool> condition, string what)
    {
        JsonElement last = default;
        try
        {
            await Timeouts.UntilAsync(async () => condition(last = await StatusAsync()), what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last status: {last}");
        }
    }

    public static int Sessions(JsonElement status) => status.GetProperty("sessions").GetProperty("active").GetInt32();
    public static int Browsers(JsonElement status) => status.GetProperty("connections").GetProperty("browser").GetInt32();
    public static int Desktops(JsonElement status) => status.GetProperty("connections").GetProperty("desktop").GetInt32();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string? secret, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(RepoPaths.ServerDll)!,
        };
        info.ArgumentList.Add(RepoPaths.ServerDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        // Only what the test says: nothing inherited may switch auth or origins on or off.
        foreach (var key in info.Environment.Keys.Where(k => k is "SESSION_SECRET" or "PORT" or "CORS_ORIGINS" or "DEBUG" || k.StartsWith("WEBDEVSYNC", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["WEBDEVSYNC_CONFIG"] = Path.Combine(RepoPaths.Root, "tests", "WebDevSync.Security.Tests", "empty-config.json");
        if (secret is not null) info.Environment["SESSION_SECRET"] = secret;
        return info;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        if (GrpcLine().Match(line) is { Success: true } g)
            _grpcPort = int.Parse(g.Groups[1].Value);
        else if (ListeningLine().Match(line) is { Success: true } m)
            _ready.TrySetResult(int.Parse(m.Groups[1].Value));
    }

    [GeneratedRegex(@"^WebDevSync listening on http://[^/]+:(\d+)/web-dev-sync/")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"^WebDevSync gRPC \(h2c\) listening on http://[^:]+:(\d+)")]
    private static partial Regex GrpcLine();
}
