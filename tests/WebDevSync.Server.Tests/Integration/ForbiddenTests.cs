namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// FORBIDDEN: a connection's user, role and connectionId are fixed by its connect message; naming
/// another, or touching another user's session or connectionId, is refused and routes nothing.
/// </summary>
public sealed class ForbiddenTests
{
    [Fact]
    public async Task AnotherUsersAgent_UpdatingASession_IsForbidden_AndTheOwnerHearsNothing()
    {
        await using var alice = await ConnectedPair.StartAsync(userId: "alice");
        await alice.OpenSessionAsync("s-alice");
        await using var bobAgent = await alice.Server.AgentAsync("bob", "d-bob");

        await bobAgent.SendAsync(Msg.CodeUpdateAs("d-bob", "bob", "s-alice", "t-s-alice", "stolen"));
        var error = await bobAgent.ExpectErrorAsync("FORBIDDEN");
        Assert.Equal("s-alice", error.Str("sessionId"));
        await alice.Browser.AssertNothingPendingAsync();
        await bobAgent.AssertNothingPendingAsync();
        await alice.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task AnotherUsersBrowser_ReusingASessionId_IsForbidden_AndTheSessionStaysWithItsOwner()
    {
        await using var alice = await ConnectedPair.StartAsync(userId: "alice");
        await alice.OpenSessionAsync("s-alice");
        await using var bobAgent = await alice.Server.AgentAsync("bob", "d-bob");
        await using var bobBrowser = await alice.Server.BrowserAsync("bob", "b-bob", expectDesktop: true);

        await bobBrowser.SendAsync(Msg.EditRequestAs("b-bob", "bob", "s-alice", "t", "hijack"));
        await bobBrowser.ExpectErrorAsync("FORBIDDEN");
        await bobAgent.AssertNothingPendingAsync();
        await alice.Agent.AssertNothingPendingAsync();

        await alice.Agent.SendAsync(Msg.CodeUpdateAs(alice.AgentId, "alice", "s-alice", "t-s-alice", "mine"));
        Assert.Equal("mine", (await alice.Browser.ExpectAsync("code_update")).Payload().Str("code"));
        await bobBrowser.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task AnotherUsersBrowser_ClosingASession_IsForbidden()
    {
        await using var alice = await ConnectedPair.StartAsync(userId: "alice");
        await alice.OpenSessionAsync("s-alice");
        await using var bobBrowser = await alice.Server.BrowserAsync("bob", "b-bob", expectDesktop: false);
        await bobBrowser.SendAsync(Msg.SessionClosed("s-alice", "x"));
        await bobBrowser.ExpectErrorAsync("FORBIDDEN");
        await alice.Agent.AssertNothingPendingAsync();
        await alice.Agent.SendAsync(Msg.CodeUpdateAs(alice.AgentId, "alice", "s-alice", "t-s-alice", "still open"));
        await alice.Browser.ExpectAsync("code_update");
    }

    [Theory]
    [InlineData("bob", null)]
    [InlineData(null, "b-someone-else")]
    [InlineData("bob", "b-bob")]
    public async Task Message_NamingAnotherUserOrConnectionId_IsForbidden_AndRoutesNothing(string? userId, string? connectionId)
    {
        await using var alice = await ConnectedPair.StartAsync(userId: "alice");
        await using var bobAgent = await alice.Server.AgentAsync("bob", "d-bob");
        await using var bobBrowser = await alice.Server.BrowserAsync("bob", "b-bob", expectDesktop: true);

        await alice.Browser.SendAsync(Msg.Of(new
        {
            type = "edit_request",
            connectionId = connectionId ?? alice.BrowserId,
            userId = userId ?? "alice",
            sessionId = "s-forged",
            payload = new { textareaId = "t", code = "x" },
        }));
        var error = await alice.Browser.ExpectErrorAsync("FORBIDDEN");
        Assert.Equal(alice.BrowserId, error.Str("connectionId"));
        await bobAgent.AssertNothingPendingAsync();
        await alice.Agent.AssertNothingPendingAsync();
        await bobBrowser.AssertNothingPendingAsync();
        await alice.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task AgentUpdate_NamingAnotherUser_IsForbidden_AndTheOtherUsersTabHearsNothing()
    {
        await using var bob = await ConnectedPair.StartAsync(userId: "bob");
        await bob.OpenSessionAsync("s-bob");
        await using var aliceAgent = await bob.Server.AgentAsync("alice", "d-alice");
        await aliceAgent.SendAsync(Msg.CodeUpdateAs("d-alice", "bob", "s-bob", "t-s-bob", "forged"));
        await aliceAgent.ExpectErrorAsync("FORBIDDEN");
        await bob.Browser.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task BrowserConnect_WithAConnectionIdOfAnotherUser_IsForbidden_AndDoesNotReplaceIt()
    {
        await using var alice = await ConnectedPair.StartAsync(userId: "alice");
        await using var mallory = await alice.Server.ConnectAsync();
        await mallory.SendAsync(Msg.BrowserConnect(alice.BrowserId, "mallory"));
        var error = await mallory.ExpectErrorAsync("FORBIDDEN");
        Assert.Contains("connectionId", error.ErrorMessage());
        await mallory.AssertNothingPendingAsync();
        await alice.AssertStillRoutesAsync();

        await mallory.SendAsync(Msg.BrowserConnect("b-mallory", "mallory"));
        await mallory.ExpectAsync("connection_ack");
    }

    [Fact]
    public async Task DesktopConnect_WithTheConnectionIdOfABrowser_IsForbidden()
    {
        await using var alice = await ConnectedPair.StartAsync(userId: "alice");
        await using var client = await alice.Server.ConnectAsync();
        await client.SendAsync(Msg.DesktopConnect(alice.BrowserId, "alice"));
        await client.ExpectErrorAsync("FORBIDDEN");
        await alice.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task SecondConnect_WithAnotherIdentity_IsForbidden_ButTheSameIdentityIsAcknowledgedAgain()
    {
        await using var alice = await ConnectedPair.StartAsync(userId: "alice");
        await alice.Browser.SendAsync(Msg.BrowserConnect(alice.BrowserId, "bob"));
        await alice.Browser.ExpectErrorAsync("FORBIDDEN");
        await alice.Browser.SendAsync(Msg.BrowserConnect(alice.BrowserId, "alice"));
        await alice.Browser.ExpectAsync("connection_ack");
        await alice.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task RolesAreFixed_ABrowsersUpdateMustBeALiveChange_AndAnAgentCannotRequestEdits()
    {
        // A tab's code_update is a page change (README "Live editing"): without baseSeq it is refused.
        await using var alice = await ConnectedPair.StartAsync(userId: "alice");
        await alice.OpenSessionAsync("s1");
        await alice.Browser.SendAsync(Msg.CodeUpdateAs(alice.BrowserId, "alice", "s1", "t-s1", "x"));
        await alice.Browser.ExpectErrorAsync("INVALID_MESSAGE");
        await alice.Agent.AssertNothingPendingAsync();
        await alice.Agent.SendAsync(Msg.EditRequestAs(alice.AgentId, "alice", "s2", "t", "x"));
        await alice.Agent.ExpectErrorAsync("FORBIDDEN");
        await alice.AssertStillRoutesAsync();
    }
}
