namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>
/// The real agent (headless, no tmux) as a process a test can kill -9 and start again in the same test
/// directory, so a restart finds what the killed one left. Its editor is <c>Scripts/detached-editor.sh</c>,
/// driven through <see cref="DetachedEditors"/>.
/// </summary>
public sealed class RealAgentProcess : IDisposable
{
    private readonly ChildProcess _process;

    private RealAgentProcess(ChildProcess process) => _process = process;

    public static RealAgentProcess Start(Uri url, string? token, string userId, string dir, string editor = "detached-editor.sh")
    {
        string[] args = ["--headless", "--no-tmux", "--url", url.ToString(), "--user", userId,
            "--editor", "bash " + Path.Combine(RepoPaths.Suite("WebDevSync.Security.Tests"), "Scripts", editor) + " {file}",
            "--temp-dir", Directory.CreateDirectory(Path.Combine(dir, "tmp")).FullName,
            .. token is null ? Array.Empty<string>() : ["--token", token]];
        var control = new Dictionary<string, string> { ["WDS_SEC_EDITOR"] = Directory.CreateDirectory(Path.Combine(dir, "ctl")).FullName };
        return new RealAgentProcess(AgentProcess.Start(dir, args, control));
    }

    public int Pid => _process.Id;

    /// <summary>Waits for a line the agent printed (standard output or error), from its first line on (so none is missed).</summary>
    public Task WaitForLineAsync(Func<string, bool> match, string what) =>
        Poll.UntilAsync(() => _process.Lines.Concat(_process.ErrorLines).Any(match), $"the agent to print {what}; printed: {Tail()}");

    public string Tail() => string.Join(" | ", _process.Lines.Concat(_process.ErrorLines.Select(l => "stderr: " + l)).TakeLast(12));

    /// <summary>SIGKILL to the agent alone: the editors it started live on, as after a crash.</summary>
    public void Kill() => _process.KillAlone();

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
