using System.Net.WebSockets;
using System.Text;

namespace WebDevSync.Security.Tests.Limits;

/// <summary>Frames and code beyond <c>--max-message-bytes</c> are refused with PAYLOAD_TOO_LARGE; the socket stays usable.</summary>
public sealed class FrameLimitTests
{
    [Fact]
    public async Task FrameLargerThanTheLimit_IsRefusedWithPayloadTooLarge_AndTheConnectionKeepsWorking()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, ["--max-message-bytes", "65536"]);
        await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token("alice"), "d-a", "alice");
        await using var browser = await Peers.BrowserAsync(server.WsUrl, Secrets.Token("alice"), "b-a", "alice");

        // A whole message over the limit, sent in fragments, as a valid edit_request.
        var huge = Msg.EditRequest("s-big", "t", new string('x', 200_000));
        var bytes = Encoding.UTF8.GetBytes(huge);
        for (var at = 0; at < bytes.Length; at += 16_384)
            await browser.SendRawAsync(bytes.AsMemory(at, Math.Min(16_384, bytes.Length - at)), WebSocketMessageType.Text, at + 16_384 >= bytes.Length);
        await browser.ExpectErrorAsync("PAYLOAD_TOO_LARGE");

        // Under the limit works, and the agent never saw the big one.
        await Peers.OpenAsync(browser, agent, "s-small", new string('y', 30_000));
        await agent.AssertNothingPendingAsync();
    }
}
