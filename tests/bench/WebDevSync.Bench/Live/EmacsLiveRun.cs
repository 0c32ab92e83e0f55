using System.Diagnostics;
using WebDevSync.Bench.Servers;
using WebDevSync.TestKit.Json;
using WebDevSync.TestKit.Processes;

namespace WebDevSync.Bench.Live;

/// <summary>
/// Keystroke → tab for Emacs through its GhostText plugin (issue 24): a relay, the real agent with
/// <c>--editor ghosttext:PORT</c>, real <c>emacs -nw</c> with atomic-chrome in a private tmux server, and
/// a tab on a WebSocket. Each keystroke is a <c>send-keys</c> written to a tmux control-mode client
/// (no process started per key; the key reaches Emacs through its terminal as typing does), timed
/// until the tab has the text. Page change → Emacs is not timed: atomic-chrome answers nothing when
/// it takes a text, so only its screen would tell.
/// </summary>
public static class EmacsLiveRun
{
    public static async Task<LiveResult> RunAsync(ServerSpec spec, string root, int changes, int intervalMs, string agentDll)
    {
        var label = $"{spec.Label} (Emacs atomic-chrome)";
        agentDll = agentDll.Length > 0 ? agentDll : Path.Combine(root, "agent-tui/WebDevSync.Agent/bin/Release/net10.0/WebDevSync.Agent.dll");
        if (!File.Exists(agentDll)) return Failed(label, changes, $"agent not built ({agentDll})");
        if (!Directory.Exists("/usr/share/emacs/site-lisp/elpa") || !Directory.GetDirectories("/usr/share/emacs/site-lisp/elpa", "atomic-chrome-*").Any())
            return Failed(label, changes, "emacs-nox and elpa-atomic-chrome are not installed");
        await using var server = await ServerProcess.StartAsync(spec, root);
        var home = Directory.CreateTempSubdirectory("wds-bench-emacs-").FullName;
        var socket = $"wds-bench-{Guid.NewGuid():N}"[..20];
        var portFile = Path.Combine(home, "emacs-port");
        ChildProcess? agent = null;
        Process? control = null;
        try
        {
            Tmux(socket, "new-session", "-d", "-s", "emacs", "-x", "100", "-y", "30", "-e", $"WDS_GHOSTTEXT_PORT_FILE={portFile}",
                "emacs", "-nw", "-Q", "-l", Path.Combine(root, "tests/WebDevSync.Agent.Tests/Infrastructure/atomic-chrome-free-ports.el"));
            var port = 0;
            if (!await LiveRun.Until(() => File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile), out port) && port > 0, 30_000))
                return Failed(label, changes, "atomic-chrome did not start");
            agent = new ChildProcess("dotnet", [agentDll, "--headless", "--no-tmux", "--url", server.WebSocketUrl.ToString(), "--user", "live-user",
                "--editor", $"ghosttext:{port}", "--temp-dir", home, "--state-dir", Path.Combine(home, "state")], workingDirectory: root);
            if (!await LiveRun.Until(() => agent.Lines.Any(l => l.StartsWith("connected", StringComparison.Ordinal)), 30_000)) return Failed(label, changes, "agent did not connect");
            using var tab = new System.Net.WebSockets.ClientWebSocket();
            await tab.ConnectAsync(server.WebSocketUrl, CancellationToken.None);
            var page = new LiveRun.Tab(tab);
            await page.SendAsync(Msg.BrowserConnect("b-live", "live-user"));
            await page.SendAsync(Msg.EditRequestAs("b-live", "live-user", "s-live", "code-1", "start\n", "txt"));
            if (!await LiveRun.Until(() => agent.Lines.Any(l => l.StartsWith("live_on", StringComparison.Ordinal)), 30_000))
                return Failed(label, changes, "Emacs was not linked: " + string.Join(" | ", agent.Lines.TakeLast(5)));

            control = Process.Start(new ProcessStartInfo("tmux", ["-L", socket, "-C", "attach", "-t", "emacs"])
                { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            control.OutputDataReceived += (_, _) => { };
            control.ErrorDataReceived += (_, _) => { };
            control.BeginOutputReadLine();
            control.BeginErrorReadLine();
            await Task.Delay(1_000); // the control client attaches; nothing is timed yet

            var toTab = new List<double>();
            for (var i = 1; i <= changes; i++)
            {
                var expected = "start\n" + new string('x', i);
                var t0 = Stopwatch.GetTimestamp();
                await control.StandardInput.WriteLineAsync("send-keys -t emacs x");
                await control.StandardInput.FlushAsync();
                if (await page.WaitForAsync(expected, 5_000) is not { } at) return Failed(label, changes, $"keystroke {i} did not reach the tab");
                toTab.Add(Stopwatch.GetElapsedTime(t0, at).TotalMilliseconds);
                await Task.Delay(intervalMs);
            }
            var a = Measure.Percentiles.Of([.. toTab.Select(x => (int)(x * 1000)).Order()]);
            return new LiveResult(label, changes, a.P50 / 1000.0, a.P99 / 1000.0, null, null, null, null);
        }
        finally
        {
            if (control is { HasExited: false }) control.Kill();
            control?.Dispose();
            agent?.Dispose();
            try { Tmux(socket, "kill-server"); } catch (InvalidOperationException) { }
            Directory.Delete(home, recursive: true);
        }
    }

    private static void Tmux(string socket, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo("tmux", ["-L", socket, "-f", "/dev/null", .. args]) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', args)}: {error}");
    }

    private static LiveResult Failed(string label, int changes, string problem) => new(label, changes, 0, 0, null, null, null, problem);
}
