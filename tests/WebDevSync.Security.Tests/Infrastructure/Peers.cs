namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>Scripted browsers and agents with their tokens where the real clients put them.</summary>
public static class Peers
{
    /// <summary>A browser tab: subprotocol token (as the browser library sends it), ack and desktop status read.</summary>
    public static Task<JsonWsClient> BrowserAsync(Uri url, string? token, string connectionId, string userId,
        IEnumerable<(string, long)>? cursors = null, string? origin = null) =>
        Connected.BrowserAsync(url, connectionId, userId, new ConnectOptions(token, TokenVia.Subprotocol, origin), cursors);

    /// <summary>An agent: token in <c>Authorization: Bearer</c>, no Origin, ack read.</summary>
    public static Task<JsonWsClient> AgentAsync(Uri url, string? token, string connectionId, string userId, IEnumerable<Announced>? sessions = null) =>
        Connected.AgentAsync(url, connectionId, userId, new ConnectOptions(token, TokenVia.AuthorizationHeader), sessions);

    /// <summary>The browser asks to edit <paramref name="sessionId"/>; the agent receives the request.</summary>
    public static async Task OpenAsync(JsonWsClient browser, JsonWsClient agent, string sessionId, string code = "start")
    {
        await browser.SendAsync(Msg.EditRequest(sessionId, "t-" + sessionId, code));
        var request = await agent.WaitForAsync("edit_request", r => r.Str("sessionId") == sessionId);
        Assert.Equal(code, request.Code());
    }
}
