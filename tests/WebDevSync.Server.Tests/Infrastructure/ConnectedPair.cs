namespace WebDevSync.Server.Tests.Infrastructure;

/// <summary>A fresh server with one user's agent and browser tab connected (the usual starting point).</summary>
public sealed class ConnectedPair : IAsyncDisposable
{
    private int _probes;

    private ConnectedPair(TestServer server, JsonWsClient agent, JsonWsClient browser, string userId)
    {
        Server = server;
        Agent = agent;
        Browser = browser;
        UserId = userId;
    }

    public TestServer Server { get; }
    public JsonWsClient Agent { get; }
    public JsonWsClient Browser { get; }
    public string UserId { get; }
    public string AgentId => $"d-{UserId}";
    public string BrowserId => $"b-{UserId}";

    public static async Task<ConnectedPair> StartAsync(Func<WebDevSync.Server.Configuration.ServerOptions, WebDevSync.Server.Configuration.ServerOptions>? configure = null, string userId = "alice")
    {
        var server = await TestServer.StartAsync(configure);
        var agent = await server.AgentAsync(userId, $"d-{userId}");
        var browser = await server.BrowserAsync(userId, $"b-{userId}", expectDesktop: true);
        return new ConnectedPair(server, agent, browser, userId);
    }

    /// <summary>Opens <paramref name="sessionId"/> from the browser and returns the agent's copy of the request.</summary>
    public async Task OpenSessionAsync(string sessionId, string code = "start")
    {
        await Browser.SendAsync(Msg.EditRequestAs(BrowserId, UserId, sessionId, $"t-{sessionId}", code));
        var request = await Agent.ExpectAsync("edit_request");
        Assert.Equal(sessionId, request.Str("sessionId"));
    }

    /// <summary>Proves both connections still route: a new session opens and a save comes back.</summary>
    public async Task AssertStillRoutesAsync()
    {
        var session = $"probe-{Interlocked.Increment(ref _probes)}";
        await OpenSessionAsync(session);
        await Agent.SendAsync(Msg.CodeUpdateAs(AgentId, UserId, session, $"t-{session}", "saved"));
        var update = await Browser.ExpectAsync("code_update");
        Assert.Equal(session, update.Str("sessionId"));
        Assert.Equal("saved", update.Payload().Str("code"));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Agent.DisposeAsync();
        await Server.DisposeAsync();
    }
}
