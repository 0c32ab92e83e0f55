namespace WebDevSync.Security.Tests.Limits;

/// <summary>One user cannot open sessions without bound: past <c>--max-sessions-per-user</c> RATE_LIMITED.</summary>
public sealed class SessionLimitTests
{
    [Fact]
    public async Task OpeningMoreSessionsThanTheLimit_IsRateLimited_AndOtherUsersAreUnaffected()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, ["--max-sessions-per-user", "3"]);
        await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token("mallory"), "d-m", "mallory");
        await using var browser = await Peers.BrowserAsync(server.WsUrl, Secrets.Token("mallory"), "b-m", "mallory");
        for (var i = 0; i < 3; i++) await Peers.OpenAsync(browser, agent, $"s-m-{i}");

        await browser.SendAsync(Msg.EditRequest("s-m-3", "t", "one too many"));
        var error = await browser.ExpectErrorAsync("RATE_LIMITED");
        Assert.Equal("Too many open sessions", error.Payload().Str("message"));
        // Re-opening one of the three is not a new session.
        await Peers.OpenAsync(browser, agent, "s-m-0", "again");
        // Closing one frees a place.
        await browser.SendAsync(Msg.SessionClosed("s-m-1", "done"));
        await agent.WaitForAsync("session_closed");
        await Peers.OpenAsync(browser, agent, "s-m-3");

        await using var aliceAgent = await Peers.AgentAsync(server.WsUrl, Secrets.Token("alice"), "d-a", "alice");
        await using var aliceBrowser = await Peers.BrowserAsync(server.WsUrl, Secrets.Token("alice"), "b-a", "alice");
        for (var i = 0; i < 3; i++) await Peers.OpenAsync(aliceBrowser, aliceAgent, $"s-a-{i}");
    }
}
