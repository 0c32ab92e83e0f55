namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// The plain-HTTP port's two ways in: WebSocket upgrades read straight off the socket, everything else
/// handed to Kestrel with its bytes unread. Every other WebSocket test runs through the direct path too.
/// </summary>
public sealed class DirectPathTests
{
    [Fact]
    public async Task AHeadWithTheFirstFrameRightBehindIt_IsOpened_AndTheFrameIsRouted()
    {
        await using var server = await TestServer.StartAsync();
        using var raw = await RawHttp.ConnectAsync(server.BaseUrl);
        await raw.WriteAsync([.. System.Text.Encoding.ASCII.GetBytes(ClientFrames.UpgradeHead(server.BaseUrl.Authority)), .. ClientFrames.Text(Msg.BrowserConnect("b-pipe", "alice"))]);
        Assert.StartsWith("HTTP/1.1 101 ", (await raw.ReadResponseAsync()).Head);
        Assert.Contains("connection_ack", await raw.ReadTextFrameAsync());
    }

    [Fact]
    public async Task AHeadArrivingAByteAtATime_IsStillOpened()
    {
        await using var server = await TestServer.StartAsync();
        using var raw = await RawHttp.ConnectAsync(server.BaseUrl);
        foreach (var c in ClientFrames.UpgradeHead(server.BaseUrl.Authority))
        {
            await raw.WriteAsync(c.ToString());
            await Task.Delay(1);
        }
        Assert.StartsWith("HTTP/1.1 101 ", (await raw.ReadResponseAsync()).Head);
        await raw.WriteAsync(ClientFrames.Text(Msg.DesktopConnect("d-slow", "alice")));
        Assert.Contains("connection_ack", await raw.ReadTextFrameAsync());
    }

    [Fact]
    public async Task AKeepAliveConnectionThatUpgradesAfterAnotherRequest_IsServedThroughKestrel()
    {
        await using var server = await TestServer.StartAsync();
        using var raw = await RawHttp.ConnectAsync(server.BaseUrl);
        await raw.WriteAsync($"GET /web-dev-sync/healthz HTTP/1.1\r\nHost: {server.BaseUrl.Authority}\r\n\r\n");
        var (head, body) = await raw.ReadResponseAsync();
        Assert.StartsWith("HTTP/1.1 200 ", head);
        Assert.Equal("ok", body);
        await raw.WriteAsync(ClientFrames.UpgradeHead(server.BaseUrl.Authority));
        Assert.StartsWith("HTTP/1.1 101 ", (await raw.ReadResponseAsync()).Head);
        await raw.WriteAsync(ClientFrames.Text(Msg.BrowserConnect("b-later", "alice")));
        Assert.Contains("connection_ack", await raw.ReadTextFrameAsync());
    }

    [Fact]
    public async Task APlainGetOfTheWebSocketPath_IsRefusedWith400_AndClosed()
    {
        await using var server = await TestServer.StartAsync();
        using var raw = await RawHttp.ConnectAsync(server.BaseUrl);
        await raw.WriteAsync($"GET /web-dev-sync/ws HTTP/1.1\r\nHost: {server.BaseUrl.Authority}\r\n\r\n");
        var (head, body) = await raw.ReadResponseAsync();
        Assert.StartsWith("HTTP/1.1 400 ", head);
        Assert.Equal("WebSocket connections only", body);
        Assert.True(await raw.ClosedByServerAsync());
    }

    [Fact]
    public async Task AnOversizedHead_IsRefusedWith431()
    {
        await using var server = await TestServer.StartAsync();
        using var raw = await RawHttp.ConnectAsync(server.BaseUrl);
        await raw.WriteAsync(ClientFrames.UpgradeHead(server.BaseUrl.Authority, extra: $"X-Filler: {new string('a', 9000)}\r\n"));
        Assert.StartsWith("HTTP/1.1 431 ", (await raw.ReadResponseAsync()).Head);
    }

    [Fact]
    public async Task AConnectionSilentPastTheHandshakeTimeout_IsLeftToKestrel_AndStillServed()
    {
        await using var server = await TestServer.StartAsync(o => o with { HandshakeTimeoutMs = 200 });
        using var raw = await RawHttp.ConnectAsync(server.BaseUrl);
        await Task.Delay(600);
        await raw.WriteAsync($"GET /web-dev-sync/healthz HTTP/1.1\r\nHost: {server.BaseUrl.Authority}\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 ", (await raw.ReadResponseAsync()).Head);
    }

    [Fact]
    public async Task ARefusedOrigin_GetsTheSame403OnTheDirectPath()
    {
        await using var server = await TestServer.StartAsync();
        using var raw = await RawHttp.ConnectAsync(server.BaseUrl);
        await raw.WriteAsync(ClientFrames.UpgradeHead(server.BaseUrl.Authority, extra: "Origin: https://evil.example\r\n"));
        var (head, body) = await raw.ReadResponseAsync();
        Assert.StartsWith("HTTP/1.1 403 ", head);
        Assert.Equal("origin not allowed", body);
    }

    [Fact]
    public async Task WithTheDirectPathOff_UpgradesGoThroughKestrel_AndRouteTheSame()
    {
        await using var pair = await ConnectedPair.StartAsync(o => o with { DirectWebSockets = false });
        await pair.OpenSessionAsync("s-kestrel", code: "x");
        var status = await pair.Server.Http.GetAsync("web-dev-sync/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }
}
