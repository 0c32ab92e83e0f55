using System.Net;
using System.Net.Sockets;

namespace WebDevSync.Agent.Tests.Integration;

public sealed class TokenTests
{
    /// <summary>
    /// A stand-in relay that refuses every handshake with 401 and records the request headers:
    /// the token travels in the Authorization header (never the URL or the log) and a refusal means retry.
    /// </summary>
    [Fact]
    public async Task The_token_goes_in_an_authorization_header_and_a_refused_handshake_is_retried()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requests = new List<string>();
        var refusing = Task.Run(async () =>
        {
            while (requests.Count < 2)
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n"))
                {
                    var n = await stream.ReadAsync(buffer);
                    if (n == 0) break;
                    head.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                lock (requests) requests.Add(head.ToString());
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            }
        });

        using var dir = new TempDirectory();
        await using var agent = Agents.Start(dir, $"ws://127.0.0.1:{port}/web-dev-sync/ws", "alice", "true", "--token", "tok.en-123");
        await agent.WaitForLineAsync(@"^disconnected refused by the server \(HTTP 401\); retry in \d s$");
        await refusing.WaitAsync(Timeouts.Wait);

        Assert.All(requests, r => Assert.Contains("Authorization: Bearer tok.en-123", r, StringComparison.OrdinalIgnoreCase));
        Assert.All(requests, r => Assert.StartsWith("GET /web-dev-sync/ws HTTP/1.1", r));
        Assert.DoesNotContain("tok.en-123", agent.Output);
    }

    [Fact]
    public async Task With_authentication_on_the_agent_gets_in_with_its_token_and_is_refused_without_one()
    {
        var secret = new Dictionary<string, string> { ["SESSION_SECRET"] = "agent-tests-secret-0123456789abcdef0123456789abcdef" };
        await using var server = await RelayServer.StartAsync(secret);
        var user = $"u{Guid.NewGuid():N}";
        var token = await server.MintTokenAsync(user);
        await using var browser = new BrowserClient(user) { Token = token };
        await browser.ConnectAsync(server.WsUrl);

        using var dir = new TempDirectory();
        await using (var refused = Agents.Start(dir, server.WsUrl, user, "true"))
            await refused.WaitForLineAsync(@"^disconnected refused by the server \(HTTP 401\)");
        // (gone before the next agent of this user and relay starts: one agent per user and relay)

        await using var agent = Agents.Start(dir, server.WsUrl, user, Scenario.ScriptedEditor("inplace"), "--token", token);
        await agent.WaitForLineAsync("^connected$");
        await browser.WaitForDesktopAsync();
        var sid = $"s-{Guid.NewGuid()}";
        await browser.EditAsync(sid, "code-1", "authenticated", "js");
        await agent.WaitForLineAsync($"^session_opened {sid} ");
        Assert.DoesNotContain(token, agent.Output);
    }
}
