using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WebDevSync.Bench.Measure;
using WebDevSync.Bench.Servers;
using WebDevSync.TestKit.Json;
using WebDevSync.TestKit.Processes;

namespace WebDevSync.Bench.Save;

public sealed record SaveResult(string Server, int Saves, int Received, long Errors, double P50Ms, double P90Ms, double P99Ms, double MaxMs, string? Problem);

/// <summary>
/// The save path end to end: a relay, the real agent (headless) with the scripted editor, and a
/// browser-side WebSocket client that opens one edit session and times every update it receives from
/// the editor's file write (the time written into the file) to its arrival.
/// </summary>
public static class SaveRun
{
    public static async Task<SaveResult> RunAsync(ServerSpec spec, string root, int saves, int intervalMs, string agentDll)
    {
        agentDll = AgentDll(root, agentDll);
        if (!File.Exists(agentDll)) return new SaveResult(spec.Label, saves, 0, 0, 0, 0, 0, 0, $"agent not built ({agentDll})");
        await using var server = await ServerProcess.StartAsync(spec, root);
        var user = "save-user";
        var bench = Path.Combine(AppContext.BaseDirectory, "WebDevSync.Bench.dll");
        var editor = $"dotnet {bench} editor {{file}} --saves {saves} --interval-ms {intervalMs}";
        // The agent keeps a state file and a temp directory per user and relay: both go in a directory of this run.
        var home = Directory.CreateTempSubdirectory("wds-bench-save-").FullName;
        var agent = new ChildProcess("dotnet", [agentDll, "--headless", "--no-tmux", "--url", server.WebSocketUrl.ToString(), "--user", user, "--editor", editor,
            "--temp-dir", home, "--state-dir", Path.Combine(home, "state")], workingDirectory: root);
        try
        {
            try
            {
                await agent.WaitForLineAsync("^connected", limit: TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                return new SaveResult(spec.Label, saves, 0, 1, 0, 0, 0, 0, "agent did not connect: " + Tail(agent));
            }
            return await BrowseAsync(spec, server, user, saves, TimeSpan.FromMilliseconds(intervalMs * saves + 30_000), agent);
        }
        finally
        {
            agent.Dispose();
            Directory.Delete(home, recursive: true);
        }
    }

    private static string AgentDll(string root, string given)
    {
        if (given.Length > 0) return given;
        var release = Path.Combine(root, "agent-tui/WebDevSync.Agent/bin/Release/net10.0/WebDevSync.Agent.dll");
        return File.Exists(release) ? release : Path.Combine(root, "agent-tui/WebDevSync.Agent/bin/Debug/net10.0/WebDevSync.Agent.dll");
    }

    private static async Task<SaveResult> BrowseAsync(ServerSpec spec, ServerProcess server, string user, int saves, TimeSpan limit, ChildProcess agent)
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(limit);
        await socket.ConnectAsync(server.WebSocketUrl, timeout.Token);
        await SendAsync(socket, Msg.BrowserConnect("b-save", user), timeout.Token);
        await SendAsync(socket, Msg.EditRequestAs("b-save", user, "s-save", "code-1", "// before the first save\n"), timeout.Token);
        var latencies = new List<int>();
        var seen = new HashSet<int>();
        long errors = 0;
        string? problem = null;
        try
        {
            while (seen.Count < saves)
            {
                var text = await ReceiveAsync(socket, timeout.Token);
                var arrived = DateTime.UtcNow.Ticks;
                if (text is null) { problem = "relay closed the browser connection"; break; }
                using var doc = JsonDocument.Parse(text);
                var type = doc.RootElement.GetProperty("type").GetString();
                if (type == "error") { errors++; problem = text; continue; }
                // The editor exited: its last save was flushed before the close. Saves the agent coalesced
                // (a write that landed before the previous one was read) arrive as one update: received < saves.
                if (type == "session_closed") break;
                if (type != "code_update") continue;
                var code = doc.RootElement.GetProperty("payload").GetProperty("code").GetString() ?? "";
                if (ScriptedEditor.Parse(code) is { } saved && seen.Add(saved.Seq))
                    latencies.Add((int)((arrived - saved.Ticks) / 10)); // ticks are 100 ns
            }
        }
        catch (OperationCanceledException) { problem = $"timed out after {seen.Count} of {saves} saves; agent: {Tail(agent)}"; errors++; }
        latencies.Sort();
        var p = Percentiles.Of([.. latencies]);
        return new SaveResult(spec.Label, saves, seen.Count, errors, p.P50 / 1000.0, p.P90 / 1000.0, p.P99 / 1000.0, p.Max / 1000.0, problem);
    }

    private static Task SendAsync(ClientWebSocket socket, string json, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, ct);

    private static async Task<string?> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16384];
        while (true)
        {
            var r = await socket.ReceiveAsync(chunk, ct);
            if (r.MessageType == WebSocketMessageType.Close) return null;
            buffer.Write(chunk, 0, r.Count);
            if (r.EndOfMessage) return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    private static string Tail(ChildProcess agent) =>
        string.Join(" | ", agent.Lines.Concat(agent.ErrorLines.Select(l => "stderr: " + l)).TakeLast(8));
}
