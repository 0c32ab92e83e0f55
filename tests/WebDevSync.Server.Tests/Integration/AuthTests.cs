using WebDevSync.Server.Auth;

namespace WebDevSync.Server.Tests.Integration;

/// <summary>With a session secret, a handshake needs a valid token, and the token's user is the only user it may claim.</summary>
public sealed class AuthTests
{
    private const string Secret = "tests-only-secret-0123456789abcdef0123456789";
    private static readonly TokenService Tokens = new(Secret);

    private static string TokenFor(string user, TimeSpan? ttl = null, DateTimeOffset? now = null) =>
        Tokens.Mint(user, ttl ?? TimeSpan.FromMinutes(5), admin: false, now ?? DateTimeOffset.UtcNow);

    private static Task<TestServer> SecuredAsync(Func<WebDevSync.Server.Configuration.ServerOptions, WebDevSync.Server.Configuration.ServerOptions>? more = null) =>
        TestServer.StartAsync(o => (more ?? (x => x))(o with { SessionSecret = Secret }));

    [Fact]
    public async Task HandshakeWithoutAToken_IsRefusedWith401()
    {
        await using var server = await SecuredAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await Handshake.RefusedStatusAsync(server.WebSocketUrl));
    }

    [Fact]
    public async Task TokenInTheSubprotocol_IsAccepted_AndTheTokensUserMayConnect()
    {
        await using var server = await SecuredAsync();
        await using var browser = await JsonWsClient.ConnectAsync(server.WebSocketUrl,
            new ConnectOptions { SubProtocol = "webdevsync", Configure = o => o.AddSubProtocol(HandshakeGate.BearerProtocolPrefix + TokenFor("alice")) });
        Assert.Equal("webdevsync", browser.SubProtocol);
        await browser.SendAsync(Msg.BrowserConnect("b1", "alice"));
        await browser.ExpectAsync("connection_ack");
    }

    [Fact]
    public async Task TokenInTheAuthorizationHeader_IsAccepted()
    {
        await using var server = await SecuredAsync();
        await using var agent = await JsonWsClient.ConnectAsync(server.WebSocketUrl,
            new ConnectOptions(TokenFor("alice"), TokenVia.AuthorizationHeader));
        await agent.SendAsync(Msg.DesktopConnect("d1", "alice"));
        await agent.ExpectAsync("connection_ack");
    }

    [Fact]
    public async Task ConnectingAsAnotherUserThanTheToken_IsForbidden()
    {
        await using var server = await SecuredAsync();
        await using var client = await JsonWsClient.ConnectAsync(server.WebSocketUrl,
            new ConnectOptions(TokenFor("alice"), TokenVia.AuthorizationHeader));
        await client.SendAsync(Msg.BrowserConnect("b1", "bob"));
        await client.ExpectErrorAsync("FORBIDDEN");
        await client.SendAsync(Msg.BrowserConnect("b1", "alice"));
        await client.ExpectAsync("connection_ack");
    }

    [Fact]
    public async Task ExpiredToken_IsRefusedWith401()
    {
        await using var server = await SecuredAsync();
        var expired = TokenFor("alice", TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal(HttpStatusCode.Unauthorized, await Handshake.RefusedStatusAsync(server.WebSocketUrl,
            new ConnectOptions(expired, TokenVia.AuthorizationHeader)));
    }

    [Fact]
    public async Task TokenSignedWithAnotherSecret_IsRefusedWith401()
    {
        await using var server = await SecuredAsync();
        var forged = new TokenService("another-secret-0123456789abcdef0123456789").Mint("alice", TimeSpan.FromMinutes(5), false, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Unauthorized, await Handshake.RefusedStatusAsync(server.WebSocketUrl,
            new ConnectOptions(forged, TokenVia.AuthorizationHeader)));
    }

    [Fact]
    public async Task TokenInTheUrl_IsRefused_UnlessAllowed()
    {
        await using (var server = await SecuredAsync())
        {
            var url = new Uri(server.WebSocketUrl + "?access_token=" + TokenFor("alice"));
            Assert.Equal(HttpStatusCode.Unauthorized, await Handshake.RefusedStatusAsync(url));
        }
        await using (var server = await SecuredAsync(o => o with { AllowTokenInUrl = true }))
        {
            await using var client = await JsonWsClient.ConnectAsync(new Uri(server.WebSocketUrl + "?access_token=" + TokenFor("alice")));
            await client.SendAsync(Msg.BrowserConnect("b1", "alice"));
            await client.ExpectAsync("connection_ack");
        }
    }
}
