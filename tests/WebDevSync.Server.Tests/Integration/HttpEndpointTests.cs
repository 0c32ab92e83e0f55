using System.Net.Http.Json;

namespace WebDevSync.Server.Tests.Integration;

/// <summary>/healthz, /debug (loopback only by default, never the code itself), static files, origins.</summary>
public sealed class HttpEndpointTests : IDisposable
{
    private readonly TempDirectory _temp = new("wds-webroot-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Healthz_IsOk()
    {
        await using var server = await TestServer.StartAsync();
        var response = await server.Http.GetAsync("web-dev-sync/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Debug_IsServedToLoopback_WithConnectionsAndSessions_ButNotTheCode()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.OpenSessionAsync("s-debug", code: "SECRET-CODE-CONTENT");
        var response = await pair.Server.Http.GetAsync("web-dev-sync/debug");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SECRET-CODE-CONTENT", text);

        var debug = JsonDocument.Parse(text).RootElement;
        Assert.Equal(pair.BrowserId, debug.GetProperty("browserConnections").EnumerateArray().Single().Str("connectionId"));
        Assert.Equal(pair.AgentId, debug.GetProperty("desktopConnections").EnumerateArray().Single().Str("connectionId"));
        Assert.Equal("alice", debug.GetProperty("userSessions").EnumerateArray().Single().Str("userId"));
        var session = debug.GetProperty("activeSessions").EnumerateArray().Single();
        Assert.Equal("s-debug", session.Str("sessionId"));
        Assert.Equal("SECRET-CODE-CONTENT".Length, session.GetProperty("codeLength").GetInt32());
    }

    [Fact]
    public async Task Debug_Is404_WhenTheEndpointIsOff()
    {
        await using var server = await TestServer.StartAsync(o => o with { DebugEndpointAccess = "off" });
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("web-dev-sync/debug")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("web-dev-sync/status")).StatusCode);
    }

    [Fact]
    public async Task StaticFiles_AreServedFromTheWebRoot_UnderThePrefix()
    {
        File.WriteAllText(_temp.File("hello.txt"), "hello from the web root ✓");
        File.WriteAllText(_temp.File("index.html"), "<!doctype html><title>index</title>");
        await using var server = await TestServer.StartAsync(o => o with { WebRoot = _temp.Path });

        var file = await server.Http.GetAsync("web-dev-sync/hello.txt");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("hello from the web root ✓", await file.Content.ReadAsStringAsync());
        Assert.Contains("<title>index</title>", await server.Http.GetStringAsync("web-dev-sync/"));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("web-dev-sync/missing.txt")).StatusCode);
    }

    [Fact]
    public async Task StaticFiles_DoNotEscapeTheWebRoot()
    {
        var root = _temp.Sub("root");
        File.WriteAllText(_temp.File("outside.txt"), "must not be served");
        await using var server = await TestServer.StartAsync(o => o with { WebRoot = root });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUrl, "web-dev-sync/%2e%2e/outside.txt"));
        var response = await server.Http.SendAsync(request);
        Assert.DoesNotContain("must not be served", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Root_RedirectsToThePrefix()
    {
        await using var server = await TestServer.StartAsync();
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseUrl };
        var response = await noRedirect.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/web-dev-sync/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Cors_AllowsAConfiguredOrigin_AndNotOthers()
    {
        await using var server = await TestServer.StartAsync(o => o with { CorsOrigins = ["http://localhost:3000"] });
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "web-dev-sync/status") { Headers = { { "Origin", "http://localhost:3000" } } };
        var ok = await server.Http.SendAsync(allowed);
        Assert.Equal("http://localhost:3000", ok.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var foreign = new HttpRequestMessage(HttpMethod.Get, "web-dev-sync/status") { Headers = { { "Origin", "https://evil.example" } } };
        Assert.False((await server.Http.SendAsync(foreign)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Status_IsJson_WithTheSeedsFieldNames()
    {
        await using var server = await TestServer.StartAsync();
        var status = await server.Http.GetFromJsonAsync<JsonElement>("web-dev-sync/status");
        foreach (var name in new[] { "active", "uptime", "connections", "sessions", "messages", "errors" })
            Assert.True(status.TryGetProperty(name, out _), name);
    }
}
