namespace WebDevSync.Server.Tests.Integration;

/// <summary>Sockets that never identify themselves, or go silent, are closed and routed as disconnects.</summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task SocketThatNeverSendsAConnectMessage_IsClosedAfterTheHandshakeTimeout()
    {
        await using var server = await TestServer.StartAsync(o => o with { HandshakeTimeoutMs = 200 });
        await using var silent = await server.ConnectAsync();
        var (status, reason) = await silent.ClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public async Task ConnectedSocket_IsNotClosedByTheHandshakeTimer()
    {
        await using var server = await TestServer.StartAsync(o => o with { HandshakeTimeoutMs = 200 });
        await using var agent = await server.AgentAsync("alice", "d1");
        // Outlive the timer by waiting for an event that follows it: a second, silent socket being closed.
        await using var silent = await server.ConnectAsync();
        await silent.ClosedAsync();
        await agent.AssertNothingPendingAsync();
        Assert.Equal(WebSocketState.Open, agent.State);
    }

    [Fact]
    public async Task SilentAgent_IsClosedAfterTheIdleTimeout_AndTheBrowserHearsItLeft()
    {
        await using var server = await TestServer.StartAsync(o => o with { IdleTimeoutMs = 3000 });
        await using var agent = await server.AgentAsync("alice", "d1");
        await using var browser = await server.BrowserAsync("alice", "b1", expectDesktop: true);

        // The browser keeps talking, so only the agent is idle.
        using var stop = new CancellationTokenSource();
        var chatter = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await browser.SendAsync("""{"type":"ping"}""");
                await Task.Delay(200);
            }
        });
        var (status, _) = await agent.ClosedAsync();
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        var left = await browser.WaitForAsync("desktop_status");
        Assert.False(left.Payload().GetProperty("connected").GetBoolean());
        stop.Cancel();
        await chatter;
        Assert.All(browser.Skipped, f => Assert.Equal("pong", f.Type));
    }

    [Fact]
    public async Task PeerThatNeverAnswersWebSocketPings_IsCutOffAfterTheHeartbeat_AndRoutedAsADisconnect()
    {
        await using var server = await TestServer.StartAsync(o => o with { HeartbeatIntervalMs = 1000, IdleTimeoutMs = 0 });
        await using var tab = await server.BrowserAsync("alice", "b1", expectDesktop: false);
        using (var mute = await RawWebSocket.ConnectAsync(server.WebSocketUrl))
        {
            await mute.SendTextAsync(Msg.DesktopConnect("d-mute", "alice"));
            Assert.True((await tab.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());
            await mute.WaitForServerToHangUpAsync();
        }
        Assert.False((await tab.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());
        await server.WaitForCountsAsync(desktops: 0);
    }
}
