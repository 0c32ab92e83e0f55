using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using WebDevSync.Server.Auth;

namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// /web-dev-sync/metrics on a real relay: the Prometheus text format, values that move with the traffic,
/// labels that never carry a user's id, code or token, and the same guard as /debug.
/// </summary>
public sealed partial class MetricsTests
{
    private const string Secret = "tests-only-secret-0123456789abcdef0123456789";

    /// <summary>Each sample line, keyed by its series as written (<c>name{label="v"}</c>).</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(HttpClient http)
    {
        var response = await http.GetAsync("web-dev-sync/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => Sample().Match(l))
            .ToDictionary(m => m.Groups["series"].Value, m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Scrape_HasEveryFamily_WithHelpAndType()
    {
        await using var server = await TestServer.StartAsync();
        var text = await server.Http.GetStringAsync("web-dev-sync/metrics");
        foreach (var (family, type) in new[]
        {
            ("webdevsync_connections", "gauge"), ("webdevsync_sessions", "gauge"), ("webdevsync_users", "gauge"),
            ("webdevsync_messages_received_total", "counter"), ("webdevsync_messages_sent_total", "counter"),
            ("webdevsync_errors_total", "counter"), ("webdevsync_relay_seconds", "histogram"),
            ("webdevsync_outbound_queue_depth", "gauge"), ("webdevsync_outbound_queue_depth_max", "gauge"),
            ("process_cpu_seconds_total", "counter"),
        })
        {
            Assert.Contains($"# HELP {family} ", text);
            Assert.Contains($"# TYPE {family} {type}\n", text);
        }
    }

    [Fact]
    public async Task Counters_AndGauges_MoveWithAnEditAndASave()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var before = await ScrapeAsync(pair.Server.Http);
        Assert.Equal(1, before["webdevsync_connections{role=\"browser\"}"]);
        Assert.Equal(1, before["webdevsync_connections{role=\"desktop\"}"]);
        Assert.Equal(1, before["webdevsync_users"]);
        Assert.Equal(0, before["webdevsync_sessions"]);

        await pair.OpenSessionAsync("s-metrics");
        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, pair.UserId, "s-metrics", "t-s-metrics", "saved"));
        await pair.Browser.ExpectAsync("code_update");
        var after = await ScrapeAsync(pair.Server.Http);

        Assert.Equal(1, after["webdevsync_sessions"]);
        Assert.Equal(1, Moved(before, after, "webdevsync_messages_received_total{type=\"edit_request\"}"));
        Assert.Equal(1, Moved(before, after, "webdevsync_messages_received_total{type=\"code_update\"}"));
        Assert.Equal(1, Moved(before, after, "webdevsync_messages_sent_total{type=\"edit_request\"}"));
        Assert.Equal(1, Moved(before, after, "webdevsync_messages_sent_total{type=\"code_update\"}"));
        Assert.Equal(2, Moved(before, after, "webdevsync_relay_seconds_count"));
        Assert.True(after["webdevsync_relay_seconds_sum"] > before["webdevsync_relay_seconds_sum"]);
        Assert.Equal(after["webdevsync_relay_seconds_count"], after["webdevsync_relay_seconds_bucket{le=\"+Inf\"}"]);
    }

    [Fact]
    public async Task ErrorsAndUndecodableMessages_AreCountedByCode()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();
        var before = await ScrapeAsync(server.Http);
        await client.SendAsync("{ not json");
        var error = await client.ExpectAsync("error");
        await client.SendAsync(Msg.EditRequestAs("b-x", "bob", "s-1", "t-1", "code"));
        await client.ExpectErrorAsync("NOT_CONNECTED");
        var after = await ScrapeAsync(server.Http);

        Assert.Equal(1, Moved(before, after, $"webdevsync_errors_total{{code=\"{error.ErrorCode()}\"}}"));
        Assert.Equal(1, Moved(before, after, "webdevsync_errors_total{code=\"NOT_CONNECTED\"}"));
        Assert.Equal(1, Moved(before, after, "webdevsync_messages_received_total{type=\"invalid\"}"));
        Assert.Equal(2, Moved(before, after, "webdevsync_messages_sent_total{type=\"error\"}"));
    }

    [Fact]
    public async Task OutboundQueueDepth_RisesWhileAnAgentDoesNotRead()
    {
        await using var server = await TestServer.StartAsync(o => o with { MaxMessageBytes = 2 * 1024 * 1024 });
        using var agent = await RawWebSocket.ConnectAsync(server.WebSocketUrl); // reads nothing, ever
        await agent.SendTextAsync(Msg.DesktopConnect("d-alice", "alice"));
        await UntilAsync(server, m => m["webdevsync_connections{role=\"desktop\"}"] == 1);
        await using var browser = await server.BrowserAsync("alice", "b-alice", expectDesktop: true);

        // Once the sockets' buffers are full, the edit requests (one per new session) wait in the agent's queue.
        var code = new string('x', 1024 * 1024);
        for (var i = 0; i < 40; i++) await browser.SendAsync(Msg.EditRequestAs("b-alice", "alice", $"s-{i}", $"t-{i}", code));
        var scraped = await UntilAsync(server, m => m["webdevsync_outbound_queue_depth"] > 0);
        Assert.True(scraped["webdevsync_outbound_queue_depth_max"] >= 1);
        Assert.True(scraped["webdevsync_outbound_queue_depth"] >= scraped["webdevsync_outbound_queue_depth_max"]);
    }

    private static async Task<Dictionary<string, double>> UntilAsync(TestServer server, Func<Dictionary<string, double>, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Timeouts.Wait);
        Dictionary<string, double> scraped;
        while (!condition(scraped = await ScrapeAsync(server.Http))) await Task.Delay(50, deadline.Token);
        return scraped;
    }

    [Fact]
    public async Task Labels_NeverCarryUserIdsCodeOrTokens()
    {
        var tokens = new TokenService(Secret);
        var token = tokens.Mint("user-PRIVATE-ID", TimeSpan.FromMinutes(5), admin: false, DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(o => o with { SessionSecret = Secret });
        await using var browser = await JsonWsClient.ConnectAsync(server.WebSocketUrl,
            new ConnectOptions { SubProtocol = "webdevsync", Configure = o => o.AddSubProtocol(HandshakeGate.BearerProtocolPrefix + token) });
        await browser.SendAsync(Msg.BrowserConnect("b-PRIVATE-CONN", "user-PRIVATE-ID"));
        await browser.ExpectAsync("connection_ack");
        await browser.ExpectAsync("desktop_status");
        await browser.SendAsync(Msg.EditRequestAs("b-PRIVATE-CONN", "user-PRIVATE-ID", "s-PRIVATE-SESSION", "t-PRIVATE-AREA", "PRIVATE-CODE"));
        await browser.ExpectErrorAsync("NO_DESKTOP");

        var text = await server.Http.GetStringAsync("web-dev-sync/metrics");
        Assert.DoesNotContain("PRIVATE", text);
        Assert.DoesNotContain(token, text);
    }

    [Fact]
    public async Task Metrics_Are404_WhenTheEndpointIsOff()
    {
        await using var server = await TestServer.StartAsync(o => o with { MetricsEndpointAccess = "off" });
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("web-dev-sync/metrics")).StatusCode);
    }

    [Fact]
    public async Task ANonLoopbackName_NeedsAnAdminToken_UnlessAccessIsAny()
    {
        var tokens = new TokenService(Secret);
        await using var server = await TestServer.StartAsync(o => o with { SessionSecret = Secret });
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(server, bearer: null));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(server, tokens.Mint("alice", TimeSpan.FromMinutes(5), admin: false, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(server, tokens.Mint("ops", TimeSpan.FromMinutes(5), admin: true, DateTimeOffset.UtcNow)));

        await using var open = await TestServer.StartAsync(o => o with { SessionSecret = Secret, MetricsEndpointAccess = "any" });
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(open, bearer: null));
    }

    /// <summary>A request that names the relay by a public host name, as one through a proxy or a rebound DNS name would.</summary>
    private static async Task<HttpStatusCode> StatusAsync(TestServer server, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "web-dev-sync/metrics");
        request.Headers.Host = "relay.example.com";
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return (await server.Http.SendAsync(request)).StatusCode;
    }

    private static double Moved(Dictionary<string, double> before, Dictionary<string, double> after, string series) =>
        after[series] - before.GetValueOrDefault(series);

    [GeneratedRegex(@"^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})?) (?<value>\S+)$")]
    private static partial Regex Sample();
}
