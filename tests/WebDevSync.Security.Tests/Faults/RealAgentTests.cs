using System.Diagnostics;
using System.Threading.Channels;

namespace WebDevSync.Security.Tests.Faults;

/// <summary>
/// The real agent (agent-tui/WebDevSync.Agent, headless) against an authenticated relay, with a token
/// minted by the relay's <c>token</c> command: its saves reach the tab, and without a token it is kept out.
/// </summary>
public sealed class RealAgentTests
{
    private static string AgentDll => Path.Combine(RepoPaths.Root, "agent-tui", "WebDevSync.Agent", "bin", "Debug", "net10.0", "WebDevSync.Agent.dll");

    [Fact]
    public async Task RealHeadlessAgent_WithAMintedToken_EditsThroughAnAuthenticatedRelay_AndWithoutOneIsRefused()
    {
        Assert.True(File.Exists(AgentDll), $"the agent is built with the solution: {AgentDll}");
        var (code, token, _) = await ServerProcess.RunToExitAsync(Secrets.Secret, "token", "--user", "alice", "--ttl", "1h");
        Assert.Equal(0, code);
        await using var server = await ServerProcess.StartAsync(Secrets.Secret);
        var dir = Directory.CreateTempSubdirectory("wds-real-agent-");
        var control = Directory.CreateDirectory(Path.Combine(dir.FullName, "ctl")).FullName;
        try
        {
            // Without a token: the relay refuses the handshake and the agent never reports "connected".
            using (var refused = StartAgent(server, dir.FullName, control, null))
            {
                await refused.Lines.WaitForAsync(l => l.Contains("HTTP 401"), "a refused handshake");
                Assert.Equal(0, ServerProcess.Desktops(await server.StatusAsync()));
            }

            using var agent = StartAgent(server, dir.FullName, control, token.Trim());
            await agent.Lines.WaitForAsync(l => l.Contains("connected") && !l.Contains("disconnected"), "connected");
            await using var tab = new Tab(server.WsUrl, Secrets.Token("alice"), "b-alice", "alice");
            await tab.ConnectAsync();
            await tab.OpenAsync("s-real", "before");
            await agent.Lines.WaitForAsync(l => l.Contains("session_opened s-real"), "session_opened");

            await File.WriteAllTextAsync(Path.Combine(control, "save.tmp"), "saved by a real editor");
            File.Move(Path.Combine(control, "save.tmp"), Path.Combine(control, "save"));
            await tab.WaitForAsync("s-real", "saved by a real editor");
        }
        finally
        {
            Directory.Delete(control, recursive: true);
            await Task.Delay(200); // the editor script notices its control directory is gone
            dir.Delete(recursive: true);
        }
    }

    private static AgentChild StartAgent(ServerProcess server, string dir, string control, string? token)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args = [AgentDll, "--headless", "--no-tmux", "--url", server.WsUrl.ToString(), "--user", "alice",
            "--editor", "bash " + Path.Combine(RepoPaths.Root, "tests", "WebDevSync.Security.Tests", "Scripts", "control-editor.sh") + " {file}",
            "--temp-dir", Directory.CreateDirectory(Path.Combine(dir, "tmp")).FullName];
        foreach (var a in args) info.ArgumentList.Add(a);
        if (token is not null) { info.ArgumentList.Add("--token"); info.ArgumentList.Add(token); }
        info.Environment["HOME"] = Directory.CreateDirectory(Path.Combine(dir, "home")).FullName;
        info.Environment["XDG_CONFIG_HOME"] = Directory.CreateDirectory(Path.Combine(dir, "config")).FullName;
        info.Environment["TMUX"] = "";
        info.Environment["WDS_SEC_EDITOR"] = control;
        return new AgentChild(Process.Start(info)!);
    }

    private sealed class AgentChild : IDisposable
    {
        private readonly Process _process;

        public AgentChild(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) Lines.Add(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Lines.Add(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public LineLog Lines { get; } = new();

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
            _process.Dispose();
        }
    }

    /// <summary>Lines a child printed, searchable from the start (so none is missed while waiting).</summary>
    private sealed class LineLog
    {
        private readonly List<string> _lines = [];

        public void Add(string line) { lock (_lines) _lines.Add(line); }

        public Task WaitForAsync(Func<string, bool> match, string what) =>
            Timeouts.UntilAsync(() => { lock (_lines) return _lines.Any(match); }, $"the agent to print {what}; printed: {Dump()}");

        private string Dump() { lock (_lines) return string.Join(" | ", _lines.TakeLast(10)); }
    }
}
