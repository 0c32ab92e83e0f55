using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WebDevSync.Agent.Live.Nvim;
using WebDevSync.Bench.Measure;
using WebDevSync.Bench.Servers;
using WebDevSync.TestKit.Json;
using WebDevSync.TestKit.Processes;

namespace WebDevSync.Bench.Live;

/// <summary>One live figure; the tab → editor and CPU figures are null where they are not measured (Emacs).</summary>
public sealed record LiveResult(string Server, int Changes, double EditorToTabP50Ms, double EditorToTabP99Ms, double? TabToEditorP50Ms, double? TabToEditorP99Ms,
    double? RelayCpuMsPerChange, string? Problem);

/// <summary>
/// Live editing end to end (issue 14): a relay, the real agent (headless) with real Neovim
/// (<c>nvim --headless</c>, linked by the agent over its socket) and a tab on a WebSocket.
/// A keystroke in Neovim is <c>nvim_input</c> on a second RPC connection (Neovim's own input queue,
/// as typing is), timed until the tab has it; a page change is timed from the tab's send until
/// Neovim's buffer has it (a <c>nvim_buf_lines_event</c> on that connection). One process times
/// both ends, so one clock. The relay's CPU time per live change is read from /proc.
/// </summary>
public static class LiveRun
{
    public static async Task<LiveResult> RunAsync(ServerSpec spec, string root, int changes, int intervalMs, string agentDll)
    {
        agentDll = agentDll.Length > 0 ? agentDll : Path.Combine(root, "agent-tui/WebDevSync.Agent/bin/Release/net10.0/WebDevSync.Agent.dll");
        if (!File.Exists(agentDll)) return Failed(spec, changes, $"agent not built ({agentDll})");
        await using var server = await ServerProcess.StartAsync(spec, root);
        var home = Directory.CreateTempSubdirectory("wds-bench-live-").FullName;
        var agent = new ChildProcess("dotnet", [agentDll, "--headless", "--no-tmux", "--url", server.WebSocketUrl.ToString(), "--user", "live-user",
            "--editor", "nvim --headless --clean -n {file}", "--editor-mode", "gui", "--temp-dir", home, "--state-dir", Path.Combine(home, "state")], workingDirectory: root);
        try
        {
            if (!await Until(() => agent.Lines.Any(l => l.StartsWith("connected", StringComparison.Ordinal)), 30_000)) return Failed(spec, changes, "agent did not connect");
            using var tab = new ClientWebSocket();
            await tab.ConnectAsync(server.WebSocketUrl, CancellationToken.None);
            var page = new Tab(tab);
            await page.SendAsync(Msg.BrowserConnect("b-live", "live-user"));
            await page.SendAsync(Msg.EditRequestAs("b-live", "live-user", "s-live", "code-1", "start\n", "txt"));
            if (!await Until(() => agent.Lines.Any(l => l.StartsWith("live_on", StringComparison.Ordinal)), 30_000)) return Failed(spec, changes, "nvim was not linked live: " + string.Join(" | ", agent.Lines.TakeLast(5)));
            var socket = Directory.EnumerateFiles(home, "*.sock", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).First();
            return await MeasureAsync(spec, server.Pid, page, socket, changes, intervalMs);
        }
        finally
        {
            agent.Dispose();
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<LiveResult> MeasureAsync(ServerSpec spec, int relayPid, Tab page, string socket, int changes, int intervalMs)
    {
        var buffer = new ConcurrentQueue<(long At, string Line)>();
        await using var nvim = await NvimRpc.ConnectAsync(socket, (method, args) =>
        {
            if (method == "nvim_buf_lines_event" && args is [_, _, _, _, object?[] data, ..])
                foreach (var l in data) buffer.Enqueue((Stopwatch.GetTimestamp(), l as string ?? ""));
        }, CancellationToken.None);
        await nvim.CallAsync("nvim_buf_attach", 0, false, new Dictionary<string, object?>());
        await nvim.CallAsync("nvim_input", "A");

        // The relay's CPU while nothing changes (heartbeats, timers), per second, to subtract from the phases.
        var idle0 = ProcessProbe.CpuSeconds(relayPid);
        var idleClock = Stopwatch.StartNew();
        await Task.Delay(3_000);
        var idlePerSecond = (ProcessProbe.CpuSeconds(relayPid) - idle0) / idleClock.Elapsed.TotalSeconds;

        var toTab = new List<double>();
        var phases = Stopwatch.StartNew();
        var cpu0 = ProcessProbe.CpuSeconds(relayPid);
        for (var i = 1; i <= changes; i++)
        {
            var expected = "start" + new string('x', i) + "\n";
            var t0 = Stopwatch.GetTimestamp();
            await nvim.CallAsync("nvim_input", "x");
            if (await page.WaitForAsync(expected, 5_000) is not { } at) return Failed(spec, changes, $"keystroke {i} did not reach the tab");
            toTab.Add(Stopwatch.GetElapsedTime(t0, at).TotalMilliseconds);
            await Task.Delay(intervalMs);
        }
        await nvim.CallAsync("nvim_input", "<Esc>");

        var toEditor = new List<double>();
        for (var i = 1; i <= changes; i++)
        {
            var marker = $"page {i}";
            var t0 = Stopwatch.GetTimestamp();
            await page.ChangeAsync($"start\n{marker}\n");
            if (!await Until(() => buffer.Any(b => b.Line == marker), 5_000)) return Failed(spec, changes, $"page change {i} did not reach nvim");
            toEditor.Add(Stopwatch.GetElapsedTime(t0, buffer.First(b => b.Line == marker).At).TotalMilliseconds);
            await Task.Delay(intervalMs);
        }
        var cpu2 = ProcessProbe.CpuSeconds(relayPid);
        var a = Percentiles.Of([.. toTab.Select(x => (int)(x * 1000)).Order()]);
        var b = Percentiles.Of([.. toEditor.Select(x => (int)(x * 1000)).Order()]);
        return new LiveResult(spec.Label, changes, a.P50 / 1000.0, a.P99 / 1000.0, b.P50 / 1000.0, b.P99 / 1000.0, Math.Max(0, cpu2 - cpu0 - idlePerSecond * phases.Elapsed.TotalSeconds) * 1000 / (2.0 * changes), null);
    }

    /// <summary>The live figures as a Markdown table with the goal beside them (issue 14: p50 ≤ 15 ms, p99 ≤ 40 ms each way).</summary>
    public static string Table(IReadOnlyList<LiveResult> lives) => lives.Count == 0 ? "" :
        "\n### Live editing through the real agent and nvim or Emacs (goal p50 ≤ 15 ms, p99 ≤ 40 ms each way)\n\n"
        + "| server (editor) | changes each way | editor → tab p50 ms | p99 ms | tab → editor p50 ms | p99 ms | relay CPU ms per change (idle subtracted) | note |\n|---|---|---|---|---|---|---|---|\n"
        + string.Concat(lives.Select(r => $"| {r.Server} | {r.Changes} | {r.EditorToTabP50Ms:F1} | {r.EditorToTabP99Ms:F1} | {r.TabToEditorP50Ms:F1} | {r.TabToEditorP99Ms:F1} | {r.RelayCpuMsPerChange:F3} | {r.Problem} |\n"));

    private static LiveResult Failed(ServerSpec spec, int changes, string problem) => new(spec.Label, changes, 0, 0, 0, 0, 0, problem);

    internal static async Task<bool> Until(Func<bool> condition, int ms)
    {
        var deadline = Stopwatch.GetTimestamp() + ms * Stopwatch.Frequency / 1000;
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline) return false;
            await Task.Delay(1);
        }
        return true;
    }

    /// <summary>The tab: every code_update's text with its arrival time; page changes sent with the newest seq seen.</summary>
    internal sealed class Tab
    {
        private readonly ClientWebSocket _socket;
        private readonly ConcurrentQueue<(long At, string Code)> _updates = new();
        private long _seq;

        public Tab(ClientWebSocket socket)
        {
            _socket = socket;
            _ = Task.Run(ReadAsync);
        }

        public Task SendAsync(string json) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

        public Task ChangeAsync(string code) => SendAsync(Msg.Change("b-live", "live-user", "s-live", "code-1", code, Interlocked.Read(ref _seq)));

        public async Task<long?> WaitForAsync(string code, int ms) =>
            await Until(() => _updates.Any(u => u.Code == code), ms) ? _updates.First(u => u.Code == code).At : null;

        private async Task ReadAsync()
        {
            var buffer = new byte[1 << 20];
            try
            {
                while (true)
                {
                    var r = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (r.MessageType == WebSocketMessageType.Close) return;
                    var at = Stopwatch.GetTimestamp();
                    using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, r.Count));
                    var type = doc.RootElement.GetProperty("type").GetString();
                    if (!doc.RootElement.TryGetProperty("payload", out var payload)) continue;
                    if (payload.TryGetProperty("seq", out var seq)) Interlocked.Exchange(ref _seq, Math.Max(Interlocked.Read(ref _seq), seq.GetInt64()));
                    if (type == "code_update") _updates.Enqueue((at, payload.GetProperty("code").GetString() ?? ""));
                }
            }
            catch (WebSocketException) { }
        }
    }
}
