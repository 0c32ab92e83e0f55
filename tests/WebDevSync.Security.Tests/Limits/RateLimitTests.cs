namespace WebDevSync.Security.Tests.Limits;

/// <summary>One flooding client hears RATE_LIMITED (once per period), then is cut off; others see no difference.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Flooding_GetsRateLimitedOnce_ThenIsClosedWithPolicyStatus_WhileAnotherUserKeepsRouting()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, ["--message-rate-limit", "5", "--message-burst", "10"]);
        await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token("alice"), "d-a", "alice");
        await using var browser = await Peers.BrowserAsync(server.WsUrl, Secrets.Token("alice"), "b-a", "alice");
        await Peers.OpenAsync(browser, agent, "s-a");

        await using var flooder = await Peers.BrowserAsync(server.WsUrl, Secrets.Token("mallory"), "b-m", "mallory");
        // The burst (10 tokens, less the connect) and far more: 10 x burst denials within one second closes it.
        var sent = 0;
        try
        {
            for (; sent < 20_000 && !flooder.IsClosed; sent++) await flooder.SendAsync(Msg.Ping);
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException)
        {
            // closed by the server mid-flood
        }
        var frames = new List<Frame>();
        try
        {
            while (true) frames.Add(await flooder.NextFrameAsync());
        }
        catch (ConnectionClosedException closed)
        {
            Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, closed.Status);
        }
        // Before the close it heard only pongs and RATE_LIMITED, never more RATE_LIMITED than once per period.
        // (The close discards what was still queued for it, so the error itself may not have been written.)
        Assert.All(frames, f => Assert.True(f.Type == "pong" || f.Json.ErrorCode() == "RATE_LIMITED", f.Text));
        Assert.True(frames.Count(f => f.Type == "error") <= 3, "RATE_LIMITED is sent once per period, not per message");
        Assert.True(frames.Count(f => f.Type == "pong") < sent, "most of the flood was dropped");

        // Alice's pair did not notice.
        await agent.SendAsync(Msg.CodeUpdate("s-a", "t-s-a", "after the flood"));
        Assert.Equal("after the flood", (await browser.ExpectAsync("code_update")).Code());
    }

    [Fact]
    public async Task SlightlyTooFast_GetsRateLimitedAndStaysConnected_AndRecoversAfterRefill()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, ["--message-rate-limit", "5", "--message-burst", "10"]);
        await using var client = await Peers.AgentAsync(server.WsUrl, Secrets.Token("bob"), "d-b", "bob");
        for (var i = 0; i < 40; i++) await client.SendAsync(Msg.Ping);
        var error = await client.WaitForAsync("error");
        Assert.Equal("RATE_LIMITED", error.ErrorCode());
        // The bucket refills each second: pings sent now and then are answered again.
        using var stop = new CancellationTokenSource();
        var pinger = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(500);
                await client.SendAsync(Msg.Ping);
            }
        });
        await client.WaitForAsync("pong");
        await stop.CancelAsync();
        await pinger;
        Assert.False(client.IsClosed);
    }
}
