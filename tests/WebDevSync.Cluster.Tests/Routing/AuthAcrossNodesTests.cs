using static WebDevSync.Cluster.Tests.Infrastructure.Clients;

namespace WebDevSync.Cluster.Tests.Routing;

/// <summary>With authentication on, the node a client lands on verifies its token and the owner routes as the token's user.</summary>
public sealed class AuthAcrossNodesTests
{
    [Fact]
    public async Task A_token_verified_on_the_node_a_client_lands_on_holds_at_the_owner_and_another_users_token_is_forbidden()
    {
        await using var cluster = await RelayCluster.StartAsync(2, Secrets.Secret);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var user = "hana";
        var (tab, _) = await TabAsync(a, "hana-tab", user, token: Secrets.Token(user));
        await using var _1 = tab;
        await using var agent = await AgentAsync(b, "hana-agent", user, token: Secrets.Token(user));
        await tab.ExpectAsync("desktop_status");
        await tab.SendAsync(Msg.EditRequest("hana-s", "code-1", "v0"));
        await agent.ExpectAsync("edit_request");
        await agent.SendAsync(Msg.CodeUpdate("hana-s", "code-1", "v1"));
        Assert.Equal("v1", (await tab.ExpectAsync("code_update")).Code());

        // Mallory's valid token on the proxying node does not make her hana at the owner.
        await using var mallory = await JsonWsClient.ConnectAsync(b.WsUrl, new ConnectOptions(Secrets.Token("mallory")));
        await mallory.SendAsync(Msg.DesktopConnect("mallory-agent", user));
        await mallory.ExpectErrorAsync("FORBIDDEN");
        await agent.AssertNothingPendingAsync();
    }
}
