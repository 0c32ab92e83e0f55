using static WebDevSync.Cluster.Tests.Infrastructure.Clients;

namespace WebDevSync.Cluster.Tests.Routing;

/// <summary>Ids another user holds on another node are refused with the code one relay gives (FORBIDDEN), and the connection stays usable.</summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task A_client_id_or_session_id_another_user_holds_on_another_node_is_forbidden()
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var (x, y) = ("xavier", "yvonne");

        var (xTab, _) = await TabAsync(a, "shared-tab-id", x);
        await using var _1 = xTab;
        await using var xAgent = await AgentAsync(b, "x-agent", x);
        await xTab.ExpectAsync("desktop_status");
        await xTab.SendAsync(Msg.EditRequest("x-session", "code-1", "x's code"));
        await xAgent.ExpectAsync("edit_request");

        // Y, owned by the other node, names X's tab id: refused as one relay refuses it, and Y can go on.
        await using var thief = await JsonWsClient.ConnectAsync(b.WsUrl);
        await thief.SendAsync(Msg.BrowserConnect("shared-tab-id", y));
        await thief.ExpectErrorAsync("FORBIDDEN");
        await thief.SendAsync(Msg.BrowserConnect("y-tab", y));
        await thief.ExpectAsync("connection_ack");

        await using var yAgent = await AgentAsync(a, "y-agent", y);
        await thief.WaitForAsync("desktop_status", s => s.Payload().GetProperty("connected").GetBoolean());
        await thief.SendAsync(Msg.EditRequest("x-session", "code-1", "stolen"));
        await thief.ExpectErrorAsync("FORBIDDEN");
        await yAgent.SendAsync(Msg.CodeUpdate("x-session", "code-1", "overwrite"));
        await yAgent.ExpectErrorAsync("FORBIDDEN");
        await yAgent.SendAsync(Msg.SessionClosed("x-session", "closed"));
        await yAgent.ExpectErrorAsync("FORBIDDEN");

        // An agent of Y re-announcing X's session is told it is no session of Y's, as one relay tells it.
        await using var yAgent2 = await JsonWsClient.ConnectAsync(b.WsUrl);
        await yAgent2.SendAsync(Msg.DesktopConnect("y-agent-2", y, [new Announced("x-session", "code-1", "js", "y-tab")]));
        await yAgent2.ExpectAsync("connection_ack");
        var closed = await yAgent2.WaitForAsync("session_closed");
        Assert.Equal(("x-session", "unknown_session"), (closed.Str("sessionId"), closed.Payload().Str("reason")));

        // Nothing reached X.
        await xAgent.AssertNothingPendingAsync();
        await xTab.AssertNothingPendingAsync();
        await xAgent.SendAsync(Msg.CodeUpdate("x-session", "code-1", "x's save"));
        Assert.Equal("x's save", (await xTab.ExpectAsync("code_update")).Code());
    }
}
