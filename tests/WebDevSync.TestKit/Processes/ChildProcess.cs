using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace WebDevSync.TestKit.Processes;

/// <summary>
/// A real child process whose output lines a test can wait for. Killed (with its children) on dispose, or
/// first asked to stop with SIGTERM when given a grace period (nginx's master reaps its workers then).
/// </summary>
public sealed class ChildProcess : IDisposable, IAsyncDisposable
{
    private readonly Process _process;
    private readonly TimeSpan? _termGrace;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    /// <param name="workingDirectory">The repository root unless told.</param>
    public ChildProcess(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null)
        : this(WithEnvironment(StartInfo(file, args, workingDirectory), env))
    {
    }

    /// <summary>Starts what <paramref name="start"/> describes (made with <see cref="StartInfo"/>: output must be redirected).</summary>
    /// <param name="errorLabel">When set, each standard error line is also written to this program's own as <c>[label] line</c>.</param>
    /// <param name="termGrace">When set, disposing sends SIGTERM and kills only if the process outlives this.</param>
    public ChildProcess(ProcessStartInfo start, string? errorLabel = null, TimeSpan? termGrace = null)
    {
        _termGrace = termGrace;
        start.RedirectStandardInput = true; // a pipe nobody writes: a child never reads the test runner's terminal
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _errors.Enqueue(e.Data);
            if (errorLabel is not null && e.Data.Length > 0) Console.Error.WriteLine($"[{errorLabel}] {e.Data}");
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Output redirected, no shell, in <paramref name="workingDirectory"/> (default: the repository root).</summary>
    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    private static ProcessStartInfo WithEnvironment(ProcessStartInfo start, IReadOnlyDictionary<string, string>? env)
    {
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return start;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The standard output lines so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The standard error lines so far.</summary>
    public IReadOnlyList<string> ErrorLines => [.. _errors];

    public string Output => string.Join('\n', _lines);

    public string Errors => string.Join('\n', _errors);

    /// <summary>Waits for the first output line matching <paramref name="pattern"/> after the first <paramref name="skip"/> lines.</summary>
    public async Task<Match> WaitForLineAsync(string pattern, int skip = 0, TimeSpan? limit = null)
    {
        var regex = new Regex(pattern);
        Match? Find() => Lines.Skip(skip).Select(l => regex.Match(l)).FirstOrDefault(m => m.Success);
        Match? found = null;
        await Poll.UntilAsync(() => (found = Find()) is not null || _process.HasExited && Drained() && (found = Find()) is null && Exited($"printing /{pattern}/"),
            $"a line matching /{pattern}/; output so far:\n{Output}\nstderr:\n{Errors}", limit);
        return found!;
    }

    /// <summary>Waits until standard output or error contains <paramref name="text"/>.</summary>
    public Task WaitForTextAsync(string text) =>
        Poll.UntilAsync(() => Contains(text) || _process.HasExited && Drained() && !Contains(text) && Exited($"'{text}'"),
            $"'{text}'; output so far:\n{Output}\nstderr:\n{Errors}");

    private bool Contains(string text) => _lines.Concat(_errors).Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>
    /// Waits until the exited process's last lines are read (the streams end after the exit is seen): a line
    /// printed just before exiting must still be found, not reported missing.
    /// </summary>
    private bool Drained()
    {
        _process.WaitForExit();
        return true;
    }

    private bool Exited(string before) =>
        throw new InvalidOperationException($"process exited ({_process.ExitCode}) before {before}:\n{Output}\nstderr:\n{Errors}");

    public async Task<int> WaitForExitAsync(TimeSpan? limit = null)
    {
        using var guard = new CancellationTokenSource(limit ?? Timeouts.Wait);
        await _process.WaitForExitAsync(guard.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends a signal by name (<c>TERM</c>, <c>INT</c>, …), as a service manager or a terminal would.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString()]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{name} {_process.Id} failed ({kill.ExitCode})");
    }

    /// <summary>SIGKILL to this process only: whatever it started (an editor) lives on, as after a crash.</summary>
    public void KillAlone()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGKILL to the process and all it started.</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_termGrace is { } grace && !_process.HasExited)
        {
            try { Signal("TERM"); } catch (InvalidOperationException) { } // it exited meanwhile
            using var wait = new CancellationTokenSource(grace);
            try { await _process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { }
        }
        Dispose();
    }
}
