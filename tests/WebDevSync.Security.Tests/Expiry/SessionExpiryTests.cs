namespace WebDevSync.Security.Tests.Expiry;

/// <summary>Sessions are cleaned by age: a tab gone past the grace period, or no activity past the max age.</summary>
public sealed class SessionExpiryTests
{
    [Fact]
    public async Task SessionsOfATabGonePastTheGracePeriod_End_AndTheAgentIsTold()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, ["--grace-period", "500"]);
        await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token("alice"), "d-a", "alice");
        var browser = await Peers.BrowserAsync(server.WsUrl, Secrets.Token("alice"), "b-a", "alice");
        await Peers.OpenAsync(browser, agent, "s-1");
        await Peers.OpenAsync(browser, agent, "s-2");
        await browser.AbortAsync();
        await browser.DisposeAsync();

        var closed = new[] { await agent.ExpectAsync("session_closed"), await agent.ExpectAsync("session_closed") };
        Assert.Equal(["s-1", "s-2"], closed.Select(c => c.Str("sessionId")).Order());
        Assert.All(closed, c => Assert.Equal("browser_gone", c.Payload().Str("reason")));
        await server.WaitForStatusAsync(s => RelayStatus.Sessions(s) == 0, "no sessions left");

        // Gone for good: saves are refused, and the tab coming back gets nothing.
        await agent.SendAsync(Msg.CodeUpdate("s-1", "t-s-1", "too late"));
        await agent.ExpectErrorAsync("SESSION_NOT_FOUND");
        await using var back = await JsonWsClient.ConnectAsync(server.WsUrl, new ConnectOptions(Secrets.Token("alice")));
        await back.SendAsync(Msg.BrowserConnect("b-a", "alice", [("s-1", 0)]));
        await back.ExpectAsync("connection_ack");
        await back.ExpectAsync("desktop_status");
        await back.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task SessionsWithoutActivityPastTheMaxAge_End_AndBothSidesAreTold()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, ["--session-max-age", "1000"]);
        await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token("alice"), "d-a", "alice");
        await using var browser = await Peers.BrowserAsync(server.WsUrl, Secrets.Token("alice"), "b-a", "alice");
        await Peers.OpenAsync(browser, agent, "s-old");

        var toAgent = await agent.ExpectAsync("session_closed");
        var toBrowser = await browser.ExpectAsync("session_closed");
        Assert.Equal("expired", toAgent.Payload().Str("reason"));
        Assert.Equal("expired", toBrowser.Payload().Str("reason"));
        Assert.Equal("s-old", toBrowser.Str("sessionId"));
        await server.WaitForStatusAsync(s => RelayStatus.Sessions(s) == 0, "no sessions left");
    }

    [Fact]
    public async Task RestoredSessionsWhoseTabNeverReturns_End_AndTheirCodeLeavesTheDataDir()
    {
        using var temp = new TempDirectory("wds-expiry-");
        string[] args = ["--data-dir", temp.Path, "--grace-period", "5000"];
        var table = temp.File("sessions.json");
        await using (var server = await Relays.StartAsync(Secrets.Secret, args))
        {
            await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token("alice"), "d-a", "alice");
            await using var browser = await Peers.BrowserAsync(server.WsUrl, Secrets.Token("alice"), "b-a", "alice");
            await Peers.OpenAsync(browser, agent, "s-1", "PRIVATE-CODE");
            await Poll.UntilAsync(() => File.Exists(table) && File.ReadAllText(table).Contains("PRIVATE-CODE"), "the table on disk");
            server.Kill();
        }
        await using var restarted = await Relays.StartAsync(Secrets.Secret, args);
        Assert.Equal(1, RelayStatus.Sessions(await restarted.StatusAsync()));
        await restarted.WaitForStatusAsync(s => RelayStatus.Sessions(s) == 0, "the restored session to end after the grace period");
        await Poll.UntilAsync(() => !File.ReadAllText(table).Contains("PRIVATE-CODE"), "the code to leave the table on disk");
    }
}
