using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace WebDevSync.Server.Tests.Infrastructure;

/// <summary>
/// The real server executable (<c>dotnet WebDevSync.Server.dll</c>) as a child process, with the
/// seed's environment variables cleared so the machine's environment cannot change the outcome.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly string[] ClearedVariables = ["PORT", "CORS_ORIGINS", "DEBUG", "SESSION_SECRET", "WEBDEVSYNC_CONFIG"];

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stdout) _stdout.AppendLine(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } m) _listening.TrySetResult(new Uri(m.Groups["url"].Value));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public static ServerProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        Assert.True(File.Exists(RepoPaths.ServerDll), $"build the server first: {RepoPaths.ServerDll} is missing");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepoPaths.ServerDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var name in start.Environment.Keys.ToList())
            if (ClearedVariables.Contains(name) || name.StartsWith("WEBDEVSYNC__", StringComparison.OrdinalIgnoreCase)) start.Environment.Remove(name);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
    }

    /// <summary>The <c>http://127.0.0.1:PORT/web-dev-sync/</c> the server printed once ready.</summary>
    public async Task<Uri> ListeningAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exited = _process.WaitForExitAsync(guard.Token);
        var first = await Task.WhenAny(_listening.Task, exited);
        if (first != _listening.Task)
            throw new InvalidOperationException($"server exited or hung before listening (exit {(_process.HasExited ? _process.ExitCode : -1)})\n{Stdout}\n{Stderr}");
        return await _listening.Task;
    }

    /// <summary>SIGTERM, as a service manager sends it (<see cref="Process.Kill()"/> would be SIGKILL).</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-TERM", _process.Id.ToString()]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code; the timeout only turns a hang into a failure.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(guard.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"WebDevSync listening on (?<url>http://127\.0\.0\.1:\d+/web-dev-sync/)")]
    private static partial Regex ListeningLine();
}
