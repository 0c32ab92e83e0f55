namespace WebDevSync.Security.Tests.Auth;

/// <summary>Who may open a socket at all: the token is checked at the handshake, before anything is routed.</summary>
public sealed class HandshakeTests(SecuredServer fixture) : IClassFixture<SecuredServer>
{
    [Fact]
    public async Task Handshake_WithoutToken_IsRefusedWith401AndAReason()
    {
        var (status, body) = await Handshake.SendAsync(fixture.WsUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("missing token", body);

        var (client, wsStatus) = await JsonWsClient.TryConnectAsync(fixture.WsUrl);
        Assert.Null(client);
        Assert.Equal(HttpStatusCode.Unauthorized, wsStatus);
    }

    [Fact]
    public async Task Handshake_WithTokenSignedByAnotherSecret_IsRefused()
    {
        var token = Secrets.WrongSecretToken("alice");
        var (status, body) = await Handshake.SendAsync(fixture.WsUrl, Handshake.Bearer(token));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("signature", body);
        Assert.DoesNotContain(token, body);

        var (client, wsStatus) = await JsonWsClient.TryConnectAsync(fixture.WsUrl, new ConnectOptions(token));
        Assert.Null(client);
        Assert.Equal(HttpStatusCode.Unauthorized, wsStatus);
    }

    [Fact]
    public async Task Handshake_WithExpiredToken_IsRefused()
    {
        var (status, body) = await Handshake.SendAsync(fixture.WsUrl, Handshake.Subprotocol(Secrets.ExpiredToken("alice")));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("expired", body);
    }

    [Fact]
    public async Task Handshake_WithATokenWithoutExpiry_IsRefused_ThoughItsSignatureIsValid()
    {
        var token = Secrets.TokenWithoutExpiry("alice");
        Assert.DoesNotContain("\"exp\"", System.Text.Encoding.UTF8.GetString(Base64UrlDecode(token.Split('.')[1])));
        var (status, body) = await Handshake.SendAsync(fixture.WsUrl, Handshake.Bearer(token));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("no expiry", body);
        Assert.DoesNotContain(token, body);
    }

    private static byte[] Base64UrlDecode(string s) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(s);

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.")]
    [InlineData("")]
    public async Task Handshake_WithMalformedOrUnsignedToken_IsRefused(string token)
    {
        var (status, _) = await Handshake.SendAsync(fixture.WsUrl, Handshake.Bearer(token));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Handshake_WithValidToken_IsAcceptedThroughSubprotocolAndThroughAuthorizationHeader()
    {
        var user = SecuredServer.NewUser("carol");
        await using var agent = await Peers.AgentAsync(fixture.WsUrl, Secrets.Token(user), "d-" + user, user);
        await using var browser = await Peers.BrowserAsync(fixture.WsUrl, Secrets.Token(user), "b-" + user, user, origin: SecuredServer.AppOrigin);
        await Peers.OpenAsync(browser, agent, "s-" + user);
    }

    [Fact]
    public async Task Handshake_WithTokenInUrl_IsRefusedEvenWhenTheTokenIsValid()
    {
        var token = Secrets.Token("alice");
        var (status, body) = await Handshake.SendAsync(fixture.WsUrl, query: "access_token=" + token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("URL", body);

        var (client, wsStatus) = await JsonWsClient.TryConnectAsync(fixture.WsUrl, new ConnectOptions(token, TokenVia.Query));
        Assert.Null(client);
        Assert.Equal(HttpStatusCode.Unauthorized, wsStatus);
    }

    [Fact]
    public async Task ConnectMessage_NamingAnotherUserThanTheToken_IsForbiddenAndNothingIsAttached()
    {
        var alice = SecuredServer.NewUser("alice");
        var bob = SecuredServer.NewUser("bob");
        await using var bobAgent = await Peers.AgentAsync(fixture.WsUrl, Secrets.Token(bob), "d-" + bob, bob);

        // Alice's token, bob's name: as a browser and as an agent.
        await using var fake = await JsonWsClient.ConnectAsync(fixture.WsUrl, new ConnectOptions(Secrets.Token(alice)));
        await fake.SendAsync(Msg.BrowserConnect("b-fake-" + alice, bob));
        await fake.ExpectErrorAsync("FORBIDDEN");
        await fake.SendAsync(Msg.DesktopConnect("d-fake-" + alice, bob));
        await fake.ExpectErrorAsync("FORBIDDEN");
        await fake.SendAsync(Msg.EditRequest("s-" + bob, "t", "x"));
        await fake.ExpectErrorAsync("NOT_CONNECTED");

        // Bob's agent heard nothing: no browser of his appeared and no request came.
        await bobAgent.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task MessageClaimingAnotherUser_AfterConnect_IsForbidden()
    {
        var alice = SecuredServer.NewUser("alice");
        await using var agent = await Peers.AgentAsync(fixture.WsUrl, Secrets.Token(alice), "d-" + alice, alice);
        await using var browser = await Peers.BrowserAsync(fixture.WsUrl, Secrets.Token(alice), "b-" + alice, alice);
        await browser.SendAsync(Msg.EditRequestAs("b-" + alice, "bob", "s-" + alice, "t", "x"));
        await browser.ExpectErrorAsync("FORBIDDEN");
        await agent.AssertNothingPendingAsync();
    }
}
