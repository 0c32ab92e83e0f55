namespace WebDevSync.TestKit.Json;

/// <summary>Scripted tabs and agents, connected: their connect message sent and the relay's acknowledgement read.</summary>
public static class Connected
{
    /// <summary>
    /// A tab: <c>browser_connect</c> (with resume cursors when given), its ack and the desktop status read;
    /// with <paramref name="expectDesktop"/>, the status must say so.
    /// </summary>
    public static async Task<JsonWsClient> BrowserAsync(Uri url, string connectionId, string userId, ConnectOptions? options = null,
        IEnumerable<(string SessionId, long Seq)>? cursors = null, bool? expectDesktop = null)
    {
        var client = await JsonWsClient.ConnectAsync(url, options);
        await client.SendAsync(Msg.BrowserConnect(connectionId, userId, cursors));
        await ExpectAckAsync(client, connectionId);
        var status = await client.ExpectFrameAsync("desktop_status");
        if (expectDesktop is { } expected && status.Json.Payload().GetProperty("connected").GetBoolean() != expected)
            throw new UnexpectedMessageException($"a desktop_status with connected={expected}", status);
        return client;
    }

    /// <summary>An agent: <c>desktop_connect</c> (re-announcing <paramref name="sessions"/> when given) and its ack read.</summary>
    public static async Task<JsonWsClient> AgentAsync(Uri url, string connectionId, string userId, ConnectOptions? options = null, IEnumerable<Announced>? sessions = null)
    {
        var client = await JsonWsClient.ConnectAsync(url, options);
        await client.SendAsync(Msg.DesktopConnect(connectionId, userId, sessions));
        await ExpectAckAsync(client, connectionId);
        return client;
    }

    private static async Task ExpectAckAsync(JsonWsClient client, string connectionId)
    {
        var ack = await client.ExpectFrameAsync("connection_ack");
        if (ack.Json.Str("connectionId") != connectionId) throw new UnexpectedMessageException($"a connection_ack for {connectionId}", ack);
    }
}
