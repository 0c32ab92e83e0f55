namespace WebDevSync.Agent.Tests.GhostText;

/// <summary>
/// Another local user (<c>nobody</c>) talks to the developer's GhostText bridge straight from a
/// shell, with whatever headers it likes (issue 22 item 2): it is refused, and the bridge's log says
/// whom it refused.
/// </summary>
public sealed class BridgeOtherUserTests
{
    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: close\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: localhost:PORT\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: localhost:PORT\r\nOrigin: moz-extension://5f6c1a3e-test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")]
    public async Task Another_local_user_is_refused_whatever_its_headers_say(string request)
    {
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        var bridge = Agents.Run(dir, "ghosttext", "--ghosttext-port", "0", "--url", server.WsUrl, "--user", "u1");
        await using var _ = bridge;
        var port = int.Parse((await bridge.WaitForLineAsync(@"GhostText bridge listening on http://127\.0\.0\.1:(\d+)/")).Groups[1].Value);

        var (code, answer) = SecondUser.Run("timeout", "20", "bash", "-c",
            "exec 3<>/dev/tcp/127.0.0.1/$0 && printf '%s' \"$1\" >&3 && head -n 1 <&3", port.ToString(), request.Replace("PORT", port.ToString()));

        Assert.True(code == 0, $"the other user's request failed ({code}): {answer}");
        Assert.StartsWith("HTTP/1.1 403", answer);
        await bridge.WaitForLineAsync($@"ghosttext_refused_peer uid {SecondUser.Uid} \(nobody\)");
    }
}
