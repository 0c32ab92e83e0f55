namespace WebDevSync.Security.Tests.Faults;

/// <summary>
/// The real agent (agent-tui/WebDevSync.Agent, headless) against an authenticated relay, with a token
/// minted by the relay's <c>token</c> command: its saves reach the tab, and without a token it is kept out.
/// </summary>
public sealed class RealAgentTests
{
    [Fact]
    public async Task RealHeadlessAgent_WithAMintedToken_EditsThroughAnAuthenticatedRelay_AndWithoutOneIsRefused()
    {
        var (code, token, _) = await Relays.RunToExitAsync(Secrets.Secret, "token", "--user", "alice", "--ttl", "1h");
        Assert.Equal(0, code);
        await using var server = await Relays.StartAsync(Secrets.Secret);
        using var temp = new TempDirectory("wds-real-agent-");
        var dir = temp.Path;
        var editors = new DetachedEditors(dir);
        try
        {
            // Without a token: the relay refuses the handshake and the agent never reports "connected".
            using (var refused = RealAgentProcess.Start(server.WsUrl, null, "alice", dir))
            {
                await refused.WaitForLineAsync(l => l.Contains("HTTP 401"), "a refused handshake");
                Assert.Equal(0, RelayStatus.Desktops(await server.StatusAsync()));
            }

            using var agent = RealAgentProcess.Start(server.WsUrl, token.Trim(), "alice", dir);
            await agent.WaitForLineAsync(l => l == "connected", "connected");
            await using var tab = new Tab(server.WsUrl, Secrets.Token("alice"), "b-alice", "alice");
            await tab.ConnectAsync();
            await tab.OpenAsync("s-real", "before");
            var file = await editors.FileAsync("-sreal.");
            editors.Queue(file, "saved by the editor");
            await tab.WaitForAsync("s-real", "saved by the editor");
        }
        finally
        {
            editors.Close();
            await Task.Delay(100); // the editor script notices its control directory is gone
        }
    }
}
