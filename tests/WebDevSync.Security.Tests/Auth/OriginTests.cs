namespace WebDevSync.Security.Tests.Auth;

/// <summary>Cross-site WebSocket hijacking: a page on another origin cannot open a socket, even with a token.</summary>
public sealed class OriginTests(SecuredServer fixture) : IClassFixture<SecuredServer>
{
    [Fact]
    public async Task Handshake_FromAnUnconfiguredOrigin_IsRefusedWith403EvenWithAValidToken()
    {
        var headers = Handshake.Subprotocol(Secrets.Token("alice"));
        headers["Origin"] = "http://evil.example";
        var (status, body) = await Handshake.SendAsync(fixture.WsUrl, headers);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("origin", body);

        var (client, wsStatus) = await JsonWsClient.TryConnectAsync(fixture.WsUrl, new ConnectOptions(Secrets.Token("alice"), Origin: "http://evil.example"));
        Assert.Null(client);
        Assert.Equal(HttpStatusCode.Forbidden, wsStatus);
    }

    [Theory]
    [InlineData("http://app.example.evil.example")]
    [InlineData("https://app.example")]
    [InlineData("null")]
    public async Task Handshake_FromLookAlikeOrigins_IsRefused(string origin)
    {
        var (client, status) = await JsonWsClient.TryConnectAsync(fixture.WsUrl, new ConnectOptions(Secrets.Token("alice"), Origin: origin));
        Assert.Null(client);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Handshake_FromTheConfiguredOrigin_TheRelaysOwnOrigin_OrWithoutOrigin_IsAccepted()
    {
        var user = SecuredServer.NewUser("dave");
        var token = Secrets.Token(user);
        await using var fromApp = await Peers.BrowserAsync(fixture.WsUrl, token, "b1-" + user, user, origin: SecuredServer.AppOrigin);
        await using var fromDemo = await Peers.BrowserAsync(fixture.WsUrl, token, "b2-" + user, user, origin: $"http://127.0.0.1:{fixture.Server.Port}");
        await using var agent = await Peers.AgentAsync(fixture.WsUrl, token, "d-" + user, user);
        await Peers.OpenAsync(fromApp, agent, "s-" + user);
    }

    [Fact]
    public async Task CorsOriginsEnvironmentVariable_ConfiguresTheAllowedOriginsToo()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, env: new Dictionary<string, string> { ["CORS_ORIGINS"] = "http://a.example, http://b.example" });
        await using var fromB = await Peers.BrowserAsync(server.WsUrl, Secrets.Token("hank"), "b-h", "hank", origin: "http://b.example");
        var (refused, status) = await JsonWsClient.TryConnectAsync(server.WsUrl, new ConnectOptions(Secrets.Token("hank"), Origin: SecuredServer.AppOrigin));
        Assert.Null(refused);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
