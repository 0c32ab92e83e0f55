using System.Diagnostics;

namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>
/// The real agent (agent-tui/WebDevSync.Agent, headless) as a process a test can kill -9 and start
/// again: its home, state directory and temp directory live under one test directory, so a restart
/// finds what the killed one left. Its editor is <c>Scripts/detached-editor.sh</c>, driven through
/// <see cref="DetachedEditors"/>.
/// </summary>
public sealed class RealAgentProcess : IDisposable
{
    public static string Dll => Path.Combine(RepoPaths.Root, "agent-tui", "WebDevSync.Agent", "bin", "Debug", "net10.0", "WebDevSync.Agent.dll");

    private readonly Process _process;
    private readonly List<string> _lines = [];

    private RealAgentProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static RealAgentProcess Start(Uri url, string? token, string userId, string dir, string editor = "detached-editor.sh")
    {
        if (!File.Exists(Dll)) throw new InvalidOperationException($"the agent is built with the solution: {Dll}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        string[] args = [Dll, "--headless", "--no-tmux", "--url", url.ToString(), "--user", userId,
            "--editor", "bash " + Path.Combine(RepoPaths.Root, "tests", "WebDevSync.Security.Tests", "Scripts", editor) + " {file}",
            "--temp-dir", Directory.CreateDirectory(Path.Combine(dir, "tmp")).FullName];
        foreach (var a in args) info.ArgumentList.Add(a);
        if (token is not null) { info.ArgumentList.Add("--token"); info.ArgumentList.Add(token); }
        info.Environment["HOME"] = Directory.CreateDirectory(Path.Combine(dir, "home")).FullName;
        info.Environment["XDG_CONFIG_HOME"] = Directory.CreateDirectory(Path.Combine(dir, "config")).FullName;
        info.Environment["XDG_STATE_HOME"] = Directory.CreateDirectory(Path.Combine(dir, "state")).FullName;
        info.Environment["TMUX"] = "";
        info.Environment["WDS_SEC_EDITOR"] = Directory.CreateDirectory(Path.Combine(dir, "ctl")).FullName;
        return new RealAgentProcess(Process.Start(info)!);
    }

    public int Pid => _process.Id;

    /// <summary>Waits for a line the agent printed, from its first line on (so none is missed).</summary>
    public Task WaitForLineAsync(Func<string, bool> match, string what) =>
        Timeouts.UntilAsync(() => { lock (_lines) return _lines.Any(match); }, $"the agent to print {what}; printed: {Tail()}");

    public string Tail() { lock (_lines) return string.Join(" | ", _lines.TakeLast(12)); }

    /// <summary>SIGKILL to the agent alone: the editors it started live on, as after a crash.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
