using System.Collections.Concurrent;

namespace WebDevSync.Server.Tests.Integration;

/// <summary>Many users at once: every round trip completes and nobody sees another user's messages.</summary>
public sealed class ConcurrencyTests
{
    private const int Pairs = 200;
    private const int RoundTrips = 3;

    [Fact]
    public async Task TwoHundredConcurrentUserPairs_EachCompleteTheirRoundTrips_WithoutCrossTalk()
    {
        await using var server = await TestServer.StartAsync();
        var clients = new ConcurrentBag<JsonWsClient>();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Pairs).Select(i => Task.Run(() => RunPairAsync(server, i, clients))));

            var status = await server.StatusAsync();
            Assert.Equal(Pairs, status.GetProperty("connections").GetProperty("browser").GetInt32());
            Assert.Equal(Pairs, status.GetProperty("connections").GetProperty("desktop").GetInt32());
            Assert.Equal(Pairs, status.GetProperty("sessions").GetProperty("users").GetInt32());
            Assert.Equal(Pairs * RoundTrips, status.GetProperty("sessions").GetProperty("active").GetInt32());
            Assert.Equal(0, status.GetProperty("errors").GetProperty("total").GetInt64());
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static async Task RunPairAsync(TestServer server, int i, ConcurrentBag<JsonWsClient> clients)
    {
        var user = $"user-{i}";
        var agent = await server.AgentAsync(user, $"d-{i}");
        clients.Add(agent);
        var browser = await server.BrowserAsync(user, $"b-{i}", expectDesktop: true);
        clients.Add(browser);
        for (var n = 0; n < RoundTrips; n++)
        {
            var session = $"{user}-s{n}";
            await browser.SendAsync(Msg.EditRequestAs($"b-{i}", user, session, "code", $"{user} original {n}"));
            var request = await agent.ExpectAsync("edit_request");
            Assert.Equal(session, request.Str("sessionId"));
            Assert.Equal($"{user} original {n}", request.Payload().Str("code"));

            await agent.SendAsync(Msg.CodeUpdateAs($"d-{i}", user, session, "code", $"{user} saved {n}"));
            var update = await browser.ExpectAsync("code_update");
            Assert.Equal(session, update.Str("sessionId"));
            Assert.Equal($"{user} saved {n}", update.Payload().Str("code"));
        }
        await browser.AssertNothingPendingAsync();
        await agent.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task ShardedRouter_KeepsUsersApart_UnderConcurrentLoad()
    {
        await using var server = await TestServer.StartAsync(o => o with { RouterShards = 4 });
        var clients = new ConcurrentBag<JsonWsClient>();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => RunPairAsync(server, i, clients))));
            Assert.Equal(40, (await server.StatusAsync()).GetProperty("sessions").GetProperty("users").GetInt32());
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}
