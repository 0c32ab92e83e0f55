namespace WebDevSync.Server.Tests.Integration;

/// <summary>Per-user sessions, per-connection message rate and per-address connections are bounded.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task SessionBeyondTheUsersLimit_IsRateLimited_AndExistingSessionsKeepWorking()
    {
        await using var pair = await ConnectedPair.StartAsync(o => o with { MaxSessionsPerUser = 2 });
        await pair.OpenSessionAsync("s1");
        await pair.OpenSessionAsync("s2");
        await pair.Browser.SendAsync(Msg.EditRequestAs(pair.BrowserId, "alice", "s3", "t", "x"));
        Assert.Equal("s3", (await pair.Browser.ExpectErrorAsync("RATE_LIMITED")).Str("sessionId"));
        await pair.Agent.AssertNothingPendingAsync();

        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s2", "t-s2", "fine"));
        Assert.Equal("fine", (await pair.Browser.ExpectAsync("code_update")).Payload().Str("code"));
        await pair.Browser.SendAsync(Msg.EditRequestAs(pair.BrowserId, "alice", "s1", "t-s1", "reopening an existing one is fine"));
        await pair.Agent.ExpectAsync("edit_request");
    }

    [Fact]
    public async Task FloodingConnection_HearsRateLimitedOnce_AndRecoversLater()
    {
        await using var server = await TestServer.StartAsync(o => o with { MessageRateLimit = 1, MessageBurst = 5 });
        await using var client = await server.ConnectAsync();
        for (var i = 0; i < 12; i++) await client.SendAsync("""{"type":"ping"}""");
        await client.WaitForAsync("error");
        Assert.All(client.Skipped, f => Assert.Equal("pong", f.Type));
        Assert.InRange(client.Skipped.Count, 5, 11);

        // The bucket refills each second; keep asking until a pong comes back (the wait only guards a hang).
        using var stop = new CancellationTokenSource();
        var asking = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await client.SendAsync("""{"type":"ping"}""");
                await Task.Delay(250);
            }
        });
        client.Skipped.Clear();
        await client.WaitForAsync("pong");
        stop.Cancel();
        await asking;
        Assert.DoesNotContain(client.Skipped, f => f.Type == "error" && f.Json.ErrorCode() != "RATE_LIMITED");
    }

    [Fact]
    public async Task ConnectionsBeyondTheAddressLimit_AreRefusedWith429_UntilOneCloses()
    {
        await using var server = await TestServer.StartAsync(o => o with { MaxConnectionsPerAddress = 2 });
        var first = await server.ConnectAsync();
        await using var second = await server.ConnectAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, await Handshake.RefusedStatusAsync(server.WebSocketUrl));
        await first.DisposeAsync();

        // The server counts the close asynchronously: retry until admitted (guarded against a hang).
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        while (true)
        {
            try
            {
                await using var third = await server.ConnectAsync();
                await third.AssertNothingPendingAsync();
                break;
            }
            catch (System.Net.WebSockets.WebSocketException) when (!guard.IsCancellationRequested)
            {
                await Task.Delay(50);
            }
        }
    }
}
