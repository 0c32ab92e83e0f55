namespace WebDevSync.Security.Tests.Auth;

/// <summary>
/// Open mode (no secret, loopback): a page elsewhere must not reach the relay by DNS rebinding (its
/// name resolving to 127.0.0.1), nor from a foreign origin.
/// </summary>
public sealed class OpenModeTests
{
    [Fact]
    public async Task OpenRelay_RefusesForeignHostNamesAndOrigins_ButServesLocalhost()
    {
        await using var server = await Relays.StartAsync(null);
        var (rebound, body) = await Handshake.SendAsync(server.WsUrl, new Dictionary<string, string> { ["Host"] = $"attacker.example:{server.Port}" });
        Assert.Equal(HttpStatusCode.Forbidden, rebound);
        Assert.Contains("host not allowed", body);

        var (foreign, status) = await JsonWsClient.TryConnectAsync(server.WsUrl, new ConnectOptions(Origin: "http://attacker.example"));
        Assert.Null(foreign);
        Assert.Equal(HttpStatusCode.Forbidden, status);

        await using var local = await JsonWsClient.ConnectAsync(new Uri($"ws://localhost:{server.Port}/web-dev-sync/ws"));
        await local.SendAsync(Msg.DesktopConnect("d-open", "anyone"));
        await local.ExpectAsync("connection_ack");
    }
}
