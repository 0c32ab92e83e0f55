namespace WebDevSync.Cluster.Tests.Infrastructure;

/// <summary>Tabs and agents as JSON WebSocket clients, connected to a chosen node.</summary>
public static class Clients
{
    /// <summary>A tab connected and acknowledged; returns it with the <c>desktop_status</c> it was told.</summary>
    public static async Task<(JsonWsClient Tab, bool AgentPresent)> TabAsync(Node node, string clientId, string userId, IEnumerable<(string SessionId, long Seq)>? cursors = null,
        string? token = null)
    {
        var tab = await JsonWsClient.ConnectAsync(node.WsUrl, new ConnectOptions(token));
        await tab.SendAsync(Msg.BrowserConnect(clientId, userId, cursors));
        await tab.ExpectAsync("connection_ack");
        var status = await tab.ExpectAsync("desktop_status");
        return (tab, status.Payload().GetProperty("connected").GetBoolean());
    }

    public static async Task<JsonWsClient> AgentAsync(Node node, string clientId, string userId, IEnumerable<Announced>? sessions = null, string? token = null)
    {
        var agent = await JsonWsClient.ConnectAsync(node.WsUrl, new ConnectOptions(token));
        await agent.SendAsync(Msg.DesktopConnect(clientId, userId, sessions));
        await agent.ExpectAsync("connection_ack");
        return agent;
    }

    /// <summary>Tries until a node accepts the connect (after a node died, its users' new owner must be agreed on first).</summary>
    public static async Task<JsonWsClient> ReconnectTabAsync(Node node, string clientId, string userId, IEnumerable<(string SessionId, long Seq)>? cursors = null)
    {
        JsonWsClient? accepted = null;
        await Poll.UntilAsync(async () =>
        {
            var tab = await JsonWsClient.ConnectAsync(node.WsUrl);
            await tab.SendAsync(Msg.BrowserConnect(clientId, userId, cursors));
            if (await AckedAsync(tab)) { accepted = tab; return true; }
            await tab.DisposeAsync();
            await Task.Delay(200);
            return false;
        }, $"{clientId} to be accepted on {node}");
        return accepted!;
    }

    public static async Task<JsonWsClient> ReconnectAgentAsync(Node node, string clientId, string userId, IEnumerable<Announced>? sessions = null)
    {
        JsonWsClient? accepted = null;
        await Poll.UntilAsync(async () =>
        {
            var agent = await JsonWsClient.ConnectAsync(node.WsUrl);
            await agent.SendAsync(Msg.DesktopConnect(clientId, userId, sessions));
            if (await AckedAsync(agent)) { accepted = agent; return true; }
            await agent.DisposeAsync();
            await Task.Delay(200);
            return false;
        }, $"{clientId} to be accepted on {node}");
        return accepted!;
    }

    private static async Task<bool> AckedAsync(JsonWsClient client)
    {
        try
        {
            return (await client.NextFrameAsync()).Type == "connection_ack";
        }
        catch (ConnectionClosedException)
        {
            return false;
        }
    }

    public static long SeqOf(JsonElement message) => message.Payload().GetProperty("seq").GetInt64();
}
