namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// Cross-site WebSocket hijacking: a page may connect only from a configured origin or the relay's own
/// page. "Own" must mean the relay's real address, not whatever Host header a rebinding DNS name brings.
/// </summary>
public sealed class OriginTests
{
    [Fact]
    public async Task PageServedByTheRelayItself_MayConnect()
    {
        await using var server = await TestServer.StartAsync(o => o with { CorsOrigins = ["http://localhost:3000"] });
        var own = $"http://{server.BaseUrl.Authority}";
        await using var client = await JsonWsClient.ConnectAsync(server.WebSocketUrl, new ConnectOptions(Origin: own));
        await client.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task ConfiguredOrigin_MayConnect()
    {
        await using var server = await TestServer.StartAsync(o => o with { CorsOrigins = ["http://localhost:3000"] });
        await using var client = await JsonWsClient.ConnectAsync(server.WebSocketUrl, new ConnectOptions(Origin: "http://localhost:3000"));
        await client.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task ForeignOrigin_IsRefusedWith403()
    {
        await using var server = await TestServer.StartAsync(o => o with { CorsOrigins = ["http://localhost:3000"] });
        Assert.Equal(HttpStatusCode.Forbidden, await Handshake.RefusedStatusAsync(server.WebSocketUrl,
            new ConnectOptions(Origin: "https://evil.example")));
    }

    [Fact]
    public async Task DnsRebindingPage_WhoseOriginMatchesItsOwnForeignHostHeader_IsRefused()
    {
        // evil.example re-resolved to 127.0.0.1: the browser sends Host and Origin both naming evil.example.
        await using var server = await TestServer.StartAsync(o => o with { CorsOrigins = ["http://localhost:3000"] });
        var rebound = $"evil.example:{server.BaseUrl.Port}";
        var status = await Handshake.RefusedStatusAsync(server.WebSocketUrl, new ConnectOptions
        {
            Configure = o =>
            {
                o.SetRequestHeader("Host", rebound);
                o.SetRequestHeader("Origin", $"http://{rebound}");
            },
        });
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
