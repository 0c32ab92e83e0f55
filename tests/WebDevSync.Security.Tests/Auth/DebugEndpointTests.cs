using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Hosting;

namespace WebDevSync.Security.Tests.Auth;

/// <summary>
/// <c>/web-dev-sync/debug</c> lists who is connected and what is open: loopback or an admin token.
/// A caller beyond loopback is simulated by rewriting the peer address in the pipeline (as forwarded-headers
/// middleware behind a reverse proxy does), on the real Kestrel server.
/// </summary>
public sealed class DebugEndpointTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    [Fact]
    public async Task Debug_FromLoopback_IsServedWithAuthOnButNeverShowsCode()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret);
        var user = "grace";
        await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token(user), "d-g", user);
        await using var browser = await Peers.BrowserAsync(server.WsUrl, Secrets.Token(user), "b-g", user);
        await Peers.OpenAsync(browser, agent, "s-g", "TOP-SECRET-CODE");
        using var http = new HttpClient { BaseAddress = server.HttpUrl };
        var response = await http.GetAsync("web-dev-sync/debug");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("s-g", body);
        Assert.DoesNotContain("TOP-SECRET-CODE", body);
    }

    [Fact]
    public async Task Debug_WhenOff_IsHiddenEvenFromLoopback()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, ["--debug-endpoint", "off"]);
        using var http = new HttpClient { BaseAddress = server.HttpUrl };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("web-dev-sync/debug")).StatusCode);
    }

    [Fact]
    public async Task Debug_FromBeyondLoopback_NeedsAnAdminTokenInAuthorizationBearer()
    {
        var (code, adminToken, _) = await Relays.RunToExitAsync(Secrets.Secret, "token", "--user", "root", "--ttl", "1h", "--admin");
        Assert.Equal(0, code);
        await using var app = await StartAsync(new ServerOptions { SessionSecret = Secrets.Secret });
        using var http = new HttpClient { BaseAddress = new Uri(ServerApp.BaseUrl(app)) };

        Assert.Equal(HttpStatusCode.NotFound, await GetDebugAsync(http, null));
        Assert.Equal(HttpStatusCode.NotFound, await GetDebugAsync(http, Secrets.Token("root")));
        Assert.Equal(HttpStatusCode.NotFound, await GetDebugAsync(http, Secrets.ExpiredToken("root")));
        Assert.Equal(HttpStatusCode.NotFound, await GetDebugAsync(http, Secrets.WrongSecretToken("root")));
        Assert.Equal(HttpStatusCode.OK, await GetDebugAsync(http, adminToken.Trim()));
        Assert.Equal(HttpStatusCode.OK, await GetDebugAsync(http, Secrets.Token("root", admin: true)));
    }

    [Fact]
    public async Task Debug_WithAccessAny_IsServedToAnyoneBeyondLoopback()
    {
        await using var app = await StartAsync(new ServerOptions { SessionSecret = Secrets.Secret, DebugEndpointAccess = "any" });
        using var http = new HttpClient { BaseAddress = new Uri(ServerApp.BaseUrl(app)) };
        Assert.Equal(HttpStatusCode.OK, await GetDebugAsync(http, null));
    }

    private static async Task<HttpStatusCode> GetDebugAsync(HttpClient http, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/web-dev-sync/debug");
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The relay in-process on 127.0.0.1, with every request made to look as if it came from <see cref="Remote"/>.</summary>
    private static async Task<WebApplication> StartAsync(ServerOptions options)
    {
        var app = ServerApp.Build(options with { Host = "127.0.0.1", Port = 0, GrpcPort = -1 }, l => l.ClearProviders());
        app.Use((ctx, next) =>
        {
            ctx.Connection.RemoteIpAddress = Remote;
            return next(ctx);
        });
        await app.StartAsync();
        return app;
    }
}
