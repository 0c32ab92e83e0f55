using System.Net.Http.Headers;
using WebDevSync.Server.Auth;
using WebDevSync.Server.WebSockets;

namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// A refused handshake says why where each client can read it: the body, a header for WebSocket
/// clients that see only headers, and the probe (a POST to the WebSocket URL) for browsers, which
/// see a refused WebSocket only as close code 1006.
/// </summary>
public sealed class RefusalReasonTests
{
    private const string Secret = "tests-only-secret-0123456789abcdef0123456789";
    private const string Foreign = "https://evil.example";

    private static Task<TestServer> SecuredAsync() => TestServer.StartAsync(o => o with { SessionSecret = Secret });

    private static async Task<HttpResponseMessage> ProbeAsync(TestServer server, string body, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{server.BaseUrl.Authority}{server.Options.WebsocketEndpoint}")
        {
            Content = new StringContent(body, new MediaTypeHeaderValue("text/plain")),
        };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await server.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_probe_from_a_foreign_origin_is_answered_403_with_the_reason_readable_by_that_origin()
    {
        await using var server = await TestServer.StartAsync();
        using var answer = await ProbeAsync(server, "", Foreign);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal("origin not allowed", await answer.Content.ReadAsStringAsync());
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task A_probe_checks_the_token_in_its_body_as_the_handshake_would()
    {
        await using var server = await SecuredAsync();
        using (var none = await ProbeAsync(server, ""))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("missing token", await none.Content.ReadAsStringAsync());
        }
        using (var bad = await ProbeAsync(server, "not-a-jwt"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
            Assert.Equal("token is not a valid WebDevSync token", await bad.Content.ReadAsStringAsync());
        }
        var good = new TokenService(Secret).Mint("alice", TimeSpan.FromMinutes(5), admin: false, DateTimeOffset.UtcNow);
        using var ok = await ProbeAsync(server, good);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("ok", await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_probe_body_longer_than_a_token_is_refused_unread()
    {
        await using var server = await SecuredAsync();
        using var answer = await ProbeAsync(server, new string('a', 64 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refused_upgrade_repeats_its_reason_in_a_header_on_either_path(bool direct)
    {
        await using var server = await TestServer.StartAsync(o => o with { SessionSecret = Secret, DirectWebSockets = direct });
        using var raw = await RawHttp.ConnectAsync(server.BaseUrl);
        await raw.WriteAsync(ClientFrames.UpgradeHead(server.BaseUrl.Authority));
        var (head, body) = await raw.ReadResponseAsync();
        Assert.StartsWith("HTTP/1.1 401 ", head);
        Assert.Contains($"{WebSocketEndpoint.ReasonHeader}: missing token\r\n", head, StringComparison.OrdinalIgnoreCase);
        if (direct) Assert.Equal("missing token", body); // Kestrel's is chunked, which RawHttp does not read
    }
}
