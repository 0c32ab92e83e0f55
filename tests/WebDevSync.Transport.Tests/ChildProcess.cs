using System.Diagnostics;
using System.Text;

namespace WebDevSync.Transport.Tests;

/// <summary>A client program run as a real process, its output collected line by line.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private ChildProcess(Process p) => _process = p;

    public static ChildProcess Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        foreach (var a in args) info.ArgumentList.Add(a);
        var child = new ChildProcess(new Process { StartInfo = info });
        child._process.OutputDataReceived += (_, e) => { lock (child._out) child._out.AppendLine(e.Data); };
        child._process.ErrorDataReceived += (_, e) => { lock (child._err) child._err.AppendLine(e.Data); };
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public string Output { get { lock (_out) return _out.ToString(); } }
    public string Errors { get { lock (_err) return _err.ToString(); } }

    /// <summary>Waits until stdout+stderr contain <paramref name="text"/>; fails with both if the process ends first.</summary>
    public async Task WaitForAsync(string text)
    {
        var ct = Timeouts.Token();
        while (!(Output + Errors).Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) { await _process.WaitForExitAsync(ct); if ((Output + Errors).Contains(text, StringComparison.Ordinal)) return; throw new Xunit.Sdk.XunitException($"process exited ({_process.ExitCode}) without '{text}'.\nstdout:\n{Output}\nstderr:\n{Errors}"); }
            await Task.Delay(20, ct);
        }
    }

    public async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync(Timeouts.Token());
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        _process.Dispose();
    }
}

public static class Repo
{
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string dir) =>
        File.Exists(Path.Combine(dir, "WebDevSync.sln")) ? dir : Find(Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found"));
}
