using System.Net.WebSockets;

namespace WebDevSync.Security.Tests.Limits;

/// <summary>A socket that opens but never says who it is does not hold a slot forever.</summary>
public sealed class HandshakeTimeoutTests
{
    [Fact]
    public async Task SocketThatNeverSendsConnect_IsClosedWithPolicyStatus_WhileAConnectedOneStays()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, ["--handshake-timeout", "3000", "--max-connections-per-address", "2"]);
        // The agent identifies itself first (so it is safe from the timer however slow the machine), then the silent one opens.
        await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token("alice"), "d-a", "alice");
        await using var silent = await JsonWsClient.ConnectAsync(server.WsUrl, new ConnectOptions(Secrets.Token("alice")));

        var (status, reason) = await silent.ClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Contains("no connect message", reason);

        // Its slot is free again (the per-address limit is 2), and the connected agent was left alone.
        await Poll.UntilAsync(async () =>
        {
            var (c, _) = await JsonWsClient.TryConnectAsync(server.WsUrl, new ConnectOptions(Secrets.Token("alice")));
            if (c is null) return false;
            await c.DisposeAsync();
            return true;
        }, "the timed-out socket's slot to be freed");
        await agent.AssertNothingPendingAsync();
    }
}
