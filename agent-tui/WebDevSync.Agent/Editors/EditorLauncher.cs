using System.ComponentModel;
using System.Diagnostics;
using WebDevSync.Agent.Files;
using WebDevSync.Agent.Model;
using WebDevSync.Agent.Views;

namespace WebDevSync.Agent.Editors;

/// <summary>
/// Starts editors as a <see cref="LaunchPlan"/> says and reports what becomes of them: started,
/// failed to start, exited (with the file as the editor left it). Never throws at the caller.
/// </summary>
public sealed class EditorLauncher(Action<AgentEvent> post, Func<long> clock, DirectoryWatcher watcher, IAgentView view)
{
    /// <summary>One terminal, one foreground editor at a time; later ones wait their turn.</summary>
    private readonly SemaphoreSlim _terminal = new(1, 1);

    public void Launch(string sessionId, string path, LaunchPlan plan) => _ = Task.Run(async () =>
    {
        try
        {
            var code = plan switch
            {
                LaunchPlan.Background b => await RunBackgroundAsync(sessionId, b),
                LaunchPlan.Foreground f => await RunForegroundAsync(sessionId, f),
                LaunchPlan.TmuxWindow t => await RunInTmuxAsync(sessionId, path, t),
                _ => throw new UnreachableException(plan.GetType().Name),
            };
            if (code is { } exit) post(new AgentEvent.EditorExited(sessionId, exit, watcher.Flush(path), clock()));
        }
        catch (Exception e)
        {
            post(new AgentEvent.EditorFailed(sessionId, $"{e.GetType().Name}: {e.Message}", clock()));
        }
    });

    /// <summary>
    /// An editor an earlier agent started and that outlived it: polled by pid and start time, and its
    /// end reported like any editor's (exit code 0, or the tmux wrapper's status when it left one).
    /// </summary>
    public void Follow(string sessionId, string path, EditorIdentity editor) => _ = Task.Run(async () =>
    {
        while (ProcessIdentity.IsRunning(editor)) await Task.Delay(200);
        var status = StatusFile(path);
        var code = File.Exists(status) && int.TryParse((await File.ReadAllTextAsync(status)).Trim(), out var c) ? c : 0;
        PrivateDirectory.Delete(status);
        post(new AgentEvent.EditorExited(sessionId, code, watcher.Flush(path), clock()));
    });

    private static string StatusFile(string path) => Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.exit");

    private async Task<int?> RunBackgroundAsync(string sessionId, LaunchPlan.Background plan)
    {
        using var process = Start(sessionId, plan, redirect: true);
        if (process is null) return null;
        process.StandardInput.Close();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private async Task<int?> RunForegroundAsync(string sessionId, LaunchPlan.Foreground plan)
    {
        await _terminal.WaitAsync();
        try
        {
            await using var aside = await view.StepAsideAsync();
            using var process = Start(sessionId, plan, redirect: false);
            if (process is null) return null;
            await process.WaitForExitAsync();
            return process.ExitCode;
        }
        finally
        {
            _terminal.Release();
        }
    }

    /// <summary>
    /// A new tmux window runs <c>sh -c '"$@"; echo $? &gt; STATUS'</c> around the editor; the window's
    /// process id tells when it is gone (also when the user kills the window), the status file how it ended.
    /// </summary>
    private async Task<int?> RunInTmuxAsync(string sessionId, string path, LaunchPlan.TmuxWindow plan)
    {
        var status = StatusFile(path);
        List<string> argv = ["tmux", "new-window", "-P", "-F", "#{pane_pid}", "-n", plan.WindowName, "sh", "-c", "\"$@\"; echo $? > \"$0\"", status, .. plan.Argv];
        var start = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in argv.Skip(1)) start.ArgumentList.Add(a);
        using var tmux = TryStart(sessionId, start, "tmux");
        if (tmux is null) return null;
        var output = await tmux.StandardOutput.ReadToEndAsync();
        var error = await tmux.StandardError.ReadToEndAsync();
        await tmux.WaitForExitAsync();
        if (tmux.ExitCode != 0 || !int.TryParse(output.Trim(), out var pid))
        {
            post(new AgentEvent.EditorFailed(sessionId, $"tmux new-window failed: {error.Trim()}", clock()));
            return null;
        }
        var pane = ProcessIdentity.Of(pid);
        post(new AgentEvent.EditorStarted(sessionId, plan.Describe(), clock(), pane));
        while (pane is not null && ProcessIdentity.IsRunning(pane)) await Task.Delay(200);
        var code = File.Exists(status) && int.TryParse((await File.ReadAllTextAsync(status)).Trim(), out var c) ? c : 0;
        PrivateDirectory.Delete(status);
        return code;
    }

    private Process? Start(string sessionId, LaunchPlan plan, bool redirect)
    {
        var start = new ProcessStartInfo(plan.Argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = redirect,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
        };
        foreach (var a in plan.Argv.Skip(1)) start.ArgumentList.Add(a);
        var process = TryStart(sessionId, start, plan.Argv[0]);
        if (process is not null) post(new AgentEvent.EditorStarted(sessionId, plan.Describe(), clock(), ProcessIdentity.Of(process.Id)));
        return process;
    }

    private Process? TryStart(string sessionId, ProcessStartInfo start, string what)
    {
        try
        {
            return Process.Start(start) ?? throw new Win32Exception("no process");
        }
        catch (Win32Exception e)
        {
            post(new AgentEvent.EditorFailed(sessionId, $"cannot start '{Path.GetFileName(what)}': {e.Message}", clock()));
            return null;
        }
    }
}
