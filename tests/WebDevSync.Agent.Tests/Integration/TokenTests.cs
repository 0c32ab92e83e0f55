using System.Net;
using System.Net.Sockets;

namespace WebDevSync.Agent.Tests.Integration;

public sealed class TokenTests
{
    /// <summary>
    /// A stand-in relay that answers the first handshake 503 (a proxy whose relay is away) and the second
    /// 401 with the relay's reason header, recording the request headers: the token travels in the
    /// Authorization header (never the URL or the log), a failing relay is retried, a refused token is not.
    /// </summary>
    [Fact]
    public async Task The_token_goes_in_an_authorization_header_a_failing_relay_is_retried_and_a_refused_token_ends_the_agent_with_code_3()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requests = new List<string>();
        string[] answers =
        [
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "HTTP/1.1 401 Unauthorized\r\nX-WebDevSync-Reason: token expired\r\nContent-Length: 13\r\nConnection: close\r\n\r\ntoken expired",
        ];
        var refusing = Task.Run(async () =>
        {
            foreach (var answer in answers)
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
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
            }
        });

        using var dir = new TempDirectory();
        await using var agent = Agents.Start(dir, $"ws://127.0.0.1:{port}/web-dev-sync/ws", "alice", "true", "--token", "tok.en-123");
        await agent.WaitForLineAsync(@"^disconnected refused: service unavailable \(HTTP 503\); the relay \(or a proxy before it\) failed; retrying; retry in \d s$");
        await agent.WaitForLineAsync(@"^refused token expired \(HTTP 401\); mint a new token \(scripts/run token --user alice\) and pass it with --token; not retrying, exiting with code 3$");
        Assert.Equal(3, await agent.WaitForExitAsync());
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
        {
            await refused.WaitForLineAsync(@"^refused missing token \(HTTP 401\); this relay needs a token: pass --token ");
            Assert.Equal(3, await refused.WaitForExitAsync());
        }
        // (gone before the next agent of this user and relay starts: one agent per user and relay)

        await using var agent = Agents.Start(dir, server.WsUrl, user, Scenario.ScriptedEditor("inplace"), "--token", token);
        await agent.WaitForLineAsync("^connected$");
        await browser.WaitForDesktopAsync();
        var sid = $"s-{Guid.NewGuid()}";
        await browser.EditAsync(sid, "code-1", "authenticated", "js");
        await agent.WaitForLineAsync($"^session_opened {sid} ");
        Assert.DoesNotContain(token, agent.Output);
    }

    [Theory]
    [InlineData("ws")]
    [InlineData("grpc")]
    public async Task A_token_for_another_user_is_refused_with_what_to_do_and_ends_the_agent_with_code_3(string transport)
    {
        var secret = new Dictionary<string, string> { ["SESSION_SECRET"] = "agent-tests-secret-0123456789abcdef0123456789abcdef" };
        await using var server = await RelayServer.StartAsync(secret);
        var bobs = await server.MintTokenAsync("bob");
        using var dir = new TempDirectory();
        await using var agent = Agents.Start(dir, transport == "ws" ? server.WsUrl : server.GrpcUrl, "zed", "true", "--token", bobs);
        await agent.WaitForLineAsync(@"^refused userId does not match the authenticated user \(HTTP 403\); the token is for another user than --user zed: mint one for zed ");
        Assert.Equal(3, await agent.WaitForExitAsync());
        Assert.DoesNotContain(bobs, agent.Output);
    }

    [Fact]
    public async Task A_wrong_url_is_refused_with_the_likely_fix_and_not_retried()
    {
        await using var server = await RelayServer.StartAsync();
        using var dir = new TempDirectory();
        (string Url, string Line)[] cases =
        [
            ($"ws://127.0.0.1:{server.GrpcPort}/web-dev-sync/ws", $@"^refused bad request \(HTTP 400\); is this the relay's gRPC port\? Use grpc://127\.0\.0\.1:{server.GrpcPort}, "),
            ($"ws://127.0.0.1:{server.Port}/web-dev-sync", $@"^refused .* \(HTTP \d+\); this URL is not the relay's WebSocket \(e\.g\. ws://127\.0\.0\.1:{server.Port}/web-dev-sync/ws\)"),
            ($"grpc://127.0.0.1:{server.Port}", @"^refused the server did not answer in HTTP/2; is this the relay's HTTP port\? grpc:// goes to its gRPC port"),
        ];
        foreach (var (url, line) in cases)
        {
            await using var agent = Agents.Start(dir, url, "zed", "true");
            await agent.WaitForLineAsync(line);
            Assert.Equal(3, await agent.WaitForExitAsync());
            Assert.DoesNotContain("retry in", agent.Output);
        }
    }
}
