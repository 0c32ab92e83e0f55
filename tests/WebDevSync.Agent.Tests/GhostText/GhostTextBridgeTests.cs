using System.Net;

namespace WebDevSync.Agent.Tests.GhostText;

/// <summary>
/// The GhostText bridge end to end: a client speaking GhostText's protocol, the real bridge
/// (<c>webdevsync-agent ghosttext</c>), the real relay, the real agent with real nvim in tmux.
/// </summary>
public sealed class GhostTextBridgeTests
{
    private static async Task<(ChildProcess Bridge, int Port)> StartBridgeAsync(TempDirectory dir, RelayServer server, string user)
    {
        var bridge = Agents.Run(dir, "ghosttext", "--ghosttext-port", "0", "--url", server.WsUrl, "--user", user);
        var line = await bridge.WaitForLineAsync(@"GhostText bridge listening on http://127\.0\.0\.1:(\d+)/");
        return (bridge, int.Parse(line.Groups[1].Value));
    }

    [Fact]
    public async Task A_GhostText_field_is_edited_live_in_nvim_through_the_relay_and_closes_when_nvim_quits()
    {
        Tmux.Require("tmux", "nvim");
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        using var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));
        tmux.Run("new-session", "-d", "-s", "agent", "-x", "100", "-y", "30", "dotnet", RepoPaths.AgentDll, "--headless", "--url", server.WsUrl, "--user", user,
            "--editor", "nvim --clean -n {file}", "--temp-dir", dir.Sub("tmp"), "--state-dir", dir.Sub("state"));
        await tmux.WaitForScreenAsync("agent:0", s => s.Contains("connected", StringComparison.Ordinal), "the agent to connect");
        var (bridgeProcess, port) = await StartBridgeAsync(dir, server, user);
        await using var bridge = bridgeProcess;

        await using var field = await GhostTextClient.ConnectAsync(port);
        await field.SendAsync("Issue 12 · GitHub", "https://github.com/o/r/issues/12", "first\nsecond\n", 6);
        await tmux.WaitForScreenAsync("agent:1", s => s.StartsWith("first\nsecond", StringComparison.Ordinal), "nvim to open the field");
        Assert.Single(Directory.GetFiles(Directory.GetDirectories(dir.Sub("tmp"))[0], "github.com-ghosttext-*.md"));

        // Typing in nvim (no save) reaches the field; the cursor comes at the end of the change.
        tmux.Run("send-keys", "-t", "agent:1", "-l", "iNEW ");
        var typed = await field.WaitForTextAsync("first\nNEW second\n");
        Assert.Equal(10, typed.GetProperty("selections")[0].GetProperty("start").GetInt32());
        tmux.Run("send-keys", "-t", "agent:1", "Escape");

        // Typing in the page reaches the open buffer.
        await field.SendAsync("Issue 12 · GitHub", "https://github.com/o/r/issues/12", "first\nNEW second\nthird from the page\n", 30);
        await tmux.WaitForScreenAsync("agent:1", s => s.Contains("third from the page", StringComparison.Ordinal), "the page's change in nvim");

        tmux.Run("send-keys", "-t", "agent:1", "-l", ":wq");
        tmux.Run("send-keys", "-t", "agent:1", "Enter");
        await Poll.UntilAsync(() => field.Closed, "the bridge to close the field's WebSocket when nvim quits");
    }

    [Theory]
    [InlineData("evil.example:PORT", null)]
    [InlineData("127.0.0.1:PORT", "https://evil.example")]
    [InlineData("localhost:PORT", "null")]
    public async Task Requests_from_web_pages_or_other_hosts_are_refused(string host, string? origin)
    {
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        var (bridgeProcess, port) = await StartBridgeAsync(dir, server, "u1");
        await using var bridge = bridgeProcess;
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
        request.Headers.Host = host.Replace("PORT", port.ToString());
        if (origin is not null) request.Headers.Add("Origin", origin);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        using var ok = new HttpClient();
        Assert.Contains($"\"WebSocketPort\":{port}", await ok.GetStringAsync($"http://127.0.0.1:{port}/"));
    }
}
