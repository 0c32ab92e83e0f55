using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>A real child process whose output lines the test can wait for. Killed (with its children) on dispose.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public ChildProcess(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Output => string.Join('\n', _lines);

    public string Errors => string.Join('\n', _errors);

    /// <summary>Waits for the first line matching <paramref name="pattern"/> after the first <paramref name="skip"/> lines.</summary>
    public async Task<Match> WaitForLineAsync(string pattern, int skip = 0, TimeSpan? limit = null)
    {
        var regex = new Regex(pattern);
        Match? found = null;
        await Waits.UntilAsync(() => (found = Lines.Skip(skip).Select(l => regex.Match(l)).FirstOrDefault(m => m.Success)) is not null
                                     || _process.HasExited && (found = Lines.Skip(skip).Select(l => regex.Match(l)).FirstOrDefault(m => m.Success)) is null && Fail(pattern),
            $"a line matching /{pattern}/; output so far:\n{Output}\nstderr:\n{Errors}", limit);
        return found!;
    }

    private bool Fail(string pattern) =>
        throw new InvalidOperationException($"process exited ({_process.ExitCode}) before printing /{pattern}/:\n{Output}\nstderr:\n{Errors}");

    public async Task<int> WaitForExitAsync(TimeSpan? limit = null)
    {
        using var cts = new CancellationTokenSource(limit ?? Waits.Long);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Signal(string name) => Process.Start("kill", ["-" + name, _process.Id.ToString()])!.WaitForExit();

    /// <summary>SIGKILL to this process only: whatever it started (an editor) lives on, as after a crash.</summary>
    public void KillAlone()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
