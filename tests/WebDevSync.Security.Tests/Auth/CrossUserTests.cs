namespace WebDevSync.Security.Tests.Auth;

/// <summary>
/// Another authenticated user of the same relay (bob) who knows alice's session and connection ids:
/// he can neither open, read, update nor close her sessions, nor take over her connectionId.
/// </summary>
public sealed class CrossUserTests(SecuredServer fixture) : IClassFixture<SecuredServer>
{
    private Uri Url => fixture.WsUrl;

    [Fact]
    public async Task AnotherUser_CanNeitherOpenUpdateReadNorCloseASession()
    {
        var alice = SecuredServer.NewUser("alice");
        var bob = SecuredServer.NewUser("bob");
        var session = "s-" + alice;
        await using var aliceAgent = await Peers.AgentAsync(Url, Secrets.Token(alice), "d-" + alice, alice);
        await using var aliceBrowser = await Peers.BrowserAsync(Url, Secrets.Token(alice), "b-" + alice, alice);
        await using var bobAgent = await Peers.AgentAsync(Url, Secrets.Token(bob), "d-" + bob, bob);
        await using var bobBrowser = await Peers.BrowserAsync(Url, Secrets.Token(bob), "b-" + bob, bob);
        await Peers.OpenAsync(aliceBrowser, aliceAgent, session, "alice's secret code");

        // Open (take over) her session id from his tab.
        await bobBrowser.SendAsync(Msg.EditRequest(session, "t-bob", "bob's code"));
        Assert.Equal(session, (await bobBrowser.ExpectErrorAsync("FORBIDDEN")).Str("sessionId"));
        // Push content into her tab from his agent.
        await bobAgent.SendAsync(Msg.CodeUpdate(session, "t-" + session, "injected"));
        await bobAgent.ExpectErrorAsync("FORBIDDEN");
        // Close it from either of his clients.
        await bobBrowser.SendAsync(Msg.SessionClosed(session, "bob"));
        await bobBrowser.ExpectErrorAsync("FORBIDDEN");
        await bobAgent.SendAsync(Msg.SessionClosed(session, "bob"));
        await bobAgent.ExpectErrorAsync("FORBIDDEN");
        // Adopt it by re-announcing it as his agent's session.
        await using var bobAgent2 = await Peers.AgentAsync(Url, Secrets.Token(bob), "d2-" + bob, bob,
            [new Announced(session, "t-" + session, "js", "b-" + alice)]);
        var refused = await bobAgent2.ExpectAsync("session_closed");
        Assert.Equal("unknown_session", refused.Payload().Str("reason"));

        // Her session is untouched: her next save reaches her tab, nothing of bob's did, and bob read nothing.
        await aliceAgent.SendAsync(Msg.CodeUpdate(session, "t-" + session, "alice v2"));
        var update = await aliceBrowser.ExpectAsync("code_update");
        Assert.Equal("alice v2", update.Code());
        await aliceBrowser.AssertNothingPendingAsync();
        await aliceAgent.AssertNothingPendingAsync();
        foreach (var c in new[] { bobAgent, bobBrowser, bobAgent2 })
        {
            await c.AssertNothingPendingAsync();
            Assert.DoesNotContain(c.Skipped, f => f.Text.Contains("alice"));
        }
    }

    [Fact]
    public async Task AnotherUser_ClaimingALiveConnectionId_IsRefusedAndTheOwnerKeepsItsSessions()
    {
        var alice = SecuredServer.NewUser("alice");
        var bob = SecuredServer.NewUser("bob");
        var session = "s-" + alice;
        await using var aliceAgent = await Peers.AgentAsync(Url, Secrets.Token(alice), "d-" + alice, alice);
        await using var aliceBrowser = await Peers.BrowserAsync(Url, Secrets.Token(alice), "b-" + alice, alice);
        await Peers.OpenAsync(aliceBrowser, aliceAgent, session);

        await using var thief = await JsonWsClient.ConnectAsync(Url, new ConnectOptions(Secrets.Token(bob)));
        await thief.SendAsync(Msg.BrowserConnect("b-" + alice, bob, [(session, 0)]));
        await thief.ExpectErrorAsync("FORBIDDEN");
        await thief.SendAsync(Msg.DesktopConnect("d-" + alice, bob));
        await thief.ExpectErrorAsync("FORBIDDEN");

        // Her tab was not replaced (no 4001 close) and still gets her saves.
        await aliceAgent.SendAsync(Msg.CodeUpdate(session, "t-" + session, "still mine"));
        Assert.Equal("still mine", (await aliceBrowser.ExpectAsync("code_update")).Code());
        Assert.False(aliceBrowser.IsClosed);
        await thief.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task AnotherUser_ClaimingTheConnectionIdOfAnAwayTab_IsRefusedAndTheOwnerResumesEverything()
    {
        var alice = SecuredServer.NewUser("alice");
        var bob = SecuredServer.NewUser("bob");
        var session = "s-" + alice;
        await using var aliceAgent = await Peers.AgentAsync(Url, Secrets.Token(alice), "d-" + alice, alice);
        var aliceBrowser = await Peers.BrowserAsync(Url, Secrets.Token(alice), "b-" + alice, alice);
        await Peers.OpenAsync(aliceBrowser, aliceAgent, session);
        await aliceBrowser.AbortAsync();
        await aliceBrowser.DisposeAsync();

        // Saved while her tab is away: kept for her return.
        await aliceAgent.SendAsync(Msg.CodeUpdate(session, "t-" + session, "saved while away"));
        await aliceAgent.AssertNothingPendingAsync();

        await using var thief = await JsonWsClient.ConnectAsync(Url, new ConnectOptions(Secrets.Token(bob)));
        await thief.SendAsync(Msg.BrowserConnect("b-" + alice, bob, [(session, 0)]));
        await thief.ExpectErrorAsync("FORBIDDEN");
        await thief.AssertNothingPendingAsync();

        await using var back = await JsonWsClient.ConnectAsync(Url, new ConnectOptions(Secrets.Token(alice)));
        await back.SendAsync(Msg.BrowserConnect("b-" + alice, alice, [(session, 0)]));
        await back.ExpectAsync("connection_ack");
        await back.ExpectAsync("desktop_status");
        Assert.Equal("saved while away", (await back.ExpectAsync("code_update")).Code());
    }
}
