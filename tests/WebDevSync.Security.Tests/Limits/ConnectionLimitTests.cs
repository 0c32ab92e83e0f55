namespace WebDevSync.Security.Tests.Limits;

/// <summary>One address cannot take every socket: past the per-address limit the handshake gets 429.</summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task ConnectionsPastThePerAddressLimit_AreRefusedWith429_AndAFreedSlotCanBeReused()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, ["--max-connections-per-address", "3"]);
        var open = new List<JsonWsClient>();
        try
        {
            for (var i = 0; i < 3; i++) open.Add(await Peers.AgentAsync(server.WsUrl, Secrets.Token("alice"), $"d-{i}", "alice"));
            var (refused, status) = await JsonWsClient.TryConnectAsync(server.WsUrl, new ConnectOptions(Secrets.Token("alice"), TokenVia.AuthorizationHeader));
            Assert.Null(refused);
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            var (_, body) = await Handshake.SendAsync(server.WsUrl, Handshake.Bearer(Secrets.Token("alice")));
            Assert.Contains("too many connections", body);

            // The open ones still work; closing one frees its slot.
            await open[0].AssertNothingPendingAsync();
            await open[0].CloseAsync();
            await Poll.UntilAsync(async () =>
            {
                var (c, _) = await JsonWsClient.TryConnectAsync(server.WsUrl, new ConnectOptions(Secrets.Token("alice"), TokenVia.AuthorizationHeader));
                if (c is null) return false;
                open.Add(c);
                return true;
            }, "a slot freed by a closed connection");
        }
        finally
        {
            foreach (var c in open) await c.DisposeAsync();
        }
    }
}
