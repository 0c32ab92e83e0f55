using Grpc.Core;
using static WebDevSync.Cluster.Tests.Infrastructure.Clients;
using static WebDevSync.Cluster.Tests.Infrastructure.GrpcWebTabs;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Cluster.Tests.Routing;

/// <summary>
/// A gRPC-Web tab's Sends are messages for its user's grain whichever node they land on, so a proxy needs no
/// sticky upstream; the single node's checks hold (another user's subscription, an unknown one).
/// </summary>
public sealed class GrpcWebSendAcrossNodesTests
{
    [Fact]
    public async Task A_grpc_web_tab_subscribed_on_one_node_is_served_in_order_through_either_node_and_another_users_send_is_refused()
    {
        await using var cluster = await RelayCluster.StartAsync(2, Secrets.Secret);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        const string user = "gina";
        using var onA = Web(a, Secrets.Token(user));
        using var onB = Web(b, Secrets.Token(user));
        await using var agent = await AgentAsync(a, "gina-agent", user, token: Secrets.Token(user));

        using var subscription = onA.Client.Subscribe(new V1.ClientMessage { ConnectionId = "gina-tab", UserId = user, BrowserConnect = new() }, cancellationToken: Timeouts.Token());
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, (await NextAsync(subscription.ResponseStream)).BodyCase);

        // Node b holds no stream of this tab: its Send is routed by the user's grain, its answers come down a's stream.
        await onB.Client.SendAsync(new V1.ClientMessage { ConnectionId = "gina-tab", EditRequest = new V1.EditRequest { SessionId = "gina-s", TextareaId = "t", Code = "v0", FileType = "txt" } }, cancellationToken: Timeouts.Token());
        Assert.Equal("v0", (await agent.ExpectAsync("edit_request")).Code());

        // Sends alternating between the nodes, each awaited as the browser library does, keep their order.
        for (var i = 1; i <= 6; i++)
        {
            var via = i % 2 == 0 ? onA : onB;
            await via.Client.SendAsync(new V1.ClientMessage { ConnectionId = "gina-tab", EditRequest = new V1.EditRequest { SessionId = $"gina-s{i}", TextareaId = $"t{i}", Code = $"v{i}", FileType = "txt" } }, cancellationToken: Timeouts.Token());
        }
        for (var i = 1; i <= 6; i++) Assert.Equal($"v{i}", (await agent.ExpectAsync("edit_request")).Code());

        // The agent's save reaches the tab on a's stream.
        await agent.SendAsync(Msg.CodeUpdate("gina-s", "t", "from the editor"));
        Assert.Equal("from the editor", (await NextOfAsync(subscription.ResponseStream, V1.ServerMessage.BodyOneofCase.CodeUpdate)).CodeUpdate.Code);

        // Mallory's valid token through b does not make gina's tab hers; an id nobody subscribed is not found.
        using var mallory = Web(b, Secrets.Token("mallory"));
        var denied = await Assert.ThrowsAsync<RpcException>(() => mallory.Client.SendAsync(
            new V1.ClientMessage { ConnectionId = "gina-tab", CodeUpdate = new V1.CodeUpdate { SessionId = "gina-s", Code = "mallory's" } }, cancellationToken: Timeouts.Token()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => onB.Client.SendAsync(
            new V1.ClientMessage { ConnectionId = "nobodys-tab", CodeUpdate = new V1.CodeUpdate { SessionId = "gina-s", Code = "x" } }, cancellationToken: Timeouts.Token()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        await agent.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task On_an_open_relay_a_send_through_another_node_finds_the_tabs_user_by_its_connection_id()
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        using var onA = Web(a, null);
        using var onB = Web(b, null);
        await using var agent = await AgentAsync(b, "ivo-agent", "ivo");

        using var subscription = onA.Client.Subscribe(new V1.ClientMessage { ConnectionId = "ivo-tab", UserId = "ivo", BrowserConnect = new() }, cancellationToken: Timeouts.Token());
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, (await NextAsync(subscription.ResponseStream)).BodyCase);
        await onB.Client.SendAsync(new V1.ClientMessage { ConnectionId = "ivo-tab", EditRequest = new V1.EditRequest { SessionId = "ivo-s", TextareaId = "t", Code = "hello", FileType = "txt" } }, cancellationToken: Timeouts.Token());
        Assert.Equal("hello", (await agent.ExpectAsync("edit_request")).Code());
    }
}
