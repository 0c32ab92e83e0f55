namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>Connects scripted browsers and agents (ClientWebSocket clients speaking the protocol).</summary>
public static class Peers
{
    /// <summary>A browser tab: subprotocol token (as the browser library sends it), ack and desktop status read.</summary>
    public static async Task<JsonWsClient> BrowserAsync(Uri url, string? token, string connectionId, string userId,
        IEnumerable<(string, long)>? cursors = null, string? origin = null)
    {
        var client = await JsonWsClient.ConnectAsync(url, new ConnectOptions(token, TokenVia.Subprotocol, origin));
        await client.SendAsync(Msg.BrowserConnect(connectionId, userId, cursors));
        var ack = await client.ExpectAsync("connection_ack");
        Assert.Equal(connectionId, ack.Str("connectionId"));
        await client.ExpectAsync("desktop_status");
        return client;
    }

    /// <summary>An agent: token in <c>Authorization: Bearer</c>, no Origin, ack read.</summary>
    public static async Task<JsonWsClient> AgentAsync(Uri url, string? token, string connectionId, string userId, IEnumerable<Announced>? sessions = null)
    {
        var client = await JsonWsClient.ConnectAsync(url, new ConnectOptions(token, TokenVia.AuthorizationHeader));
        await client.SendAsync(Msg.DesktopConnect(connectionId, userId, sessions));
        var ack = await client.ExpectAsync("connection_ack");
        Assert.Equal(connectionId, ack.Str("connectionId"));
        return client;
    }

    /// <summary>The browser asks to edit <paramref name="sessionId"/>; the agent receives the request.</summary>
    public static async Task OpenAsync(JsonWsClient browser, JsonWsClient agent, string sessionId, string code = "start")
    {
        await browser.SendAsync(Msg.EditRequest(sessionId, "t-" + sessionId, code));
        var request = await agent.WaitForAsync("edit_request", r => r.Str("sessionId") == sessionId);
        Assert.Equal(code, request.Code());
    }
}
