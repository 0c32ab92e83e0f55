using Grpc.Core;
using static WebDevSync.Cluster.Tests.Infrastructure.Clients;
using static WebDevSync.Cluster.Tests.Infrastructure.GrpcWebTabs;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Cluster.Tests.Routing;

/// <summary>
/// A tab flooding Sends through a node that does not hold its subscription meets the same per-connection limit as
/// on one node (RESOURCE_EXHAUSTED), and its subscription and Sends work again once the bucket refills.
/// </summary>
public sealed class GrpcWebSendLimitTests
{
    private const int Burst = 4;

    [Fact]
    public async Task Sends_flooded_through_another_node_are_refused_with_resource_exhausted_and_the_link_stays_usable()
    {
        await using var cluster = await RelayCluster.StartAsync(2, args: ["--message-rate-limit", "2", "--message-burst", Burst.ToString()]);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        using var onA = Web(a, null);
        using var onB = Web(b, null);
        await using var agent = await AgentAsync(a, "lena-agent", "lena");
        using var subscription = onA.Client.Subscribe(new V1.ClientMessage { ConnectionId = "lena-tab", UserId = "lena", BrowserConnect = new() }, cancellationToken: Timeouts.Token());
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, (await NextAsync(subscription.ResponseStream)).BodyCase);

        // Twice the burst, each awaited as the browser library does, through the node that holds nothing of the tab.
        var refused = 0;
        for (var i = 0; i < 2 * Burst; i++)
        {
            try
            {
                await onB.Client.SendAsync(Edit(i), cancellationToken: Timeouts.Token());
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                refused++;
            }
        }
        Assert.InRange(refused, 1, 2 * Burst - 1);

        // Refilled (2 a second), a Send through either node routes again, down the same stream to the same agent.
        await Poll.UntilAsync(async () =>
        {
            try
            {
                await onB.Client.SendAsync(Edit(100), cancellationToken: Timeouts.Token());
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                return false;
            }
        }, "a Send through the other node to be routed again");
        var codes = new List<string>();
        while (codes.LastOrDefault() != "v100") codes.Add((await agent.ExpectAsync("edit_request")).Code());
        await agent.SendAsync(Msg.CodeUpdate("lena-s100", "t", "from the editor"));
        Assert.Equal("from the editor", (await NextOfAsync(subscription.ResponseStream, V1.ServerMessage.BodyOneofCase.CodeUpdate)).CodeUpdate.Code);
    }

    private static V1.ClientMessage Edit(int i) =>
        new() { ConnectionId = "lena-tab", EditRequest = new V1.EditRequest { SessionId = $"lena-s{i}", TextareaId = "t", Code = $"v{i}", FileType = "txt" } };
}
