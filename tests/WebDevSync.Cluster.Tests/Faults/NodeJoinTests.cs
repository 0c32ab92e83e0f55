using static WebDevSync.Cluster.Tests.Infrastructure.Clients;

namespace WebDevSync.Cluster.Tests.Faults;

/// <summary>
/// A node joining takes over its share of users from the nodes that had them: they hand each moved user
/// over (their connections close, the record stays in Redis) and the clients resume through the new
/// owner, losing no save made while their tab was away.
/// </summary>
public sealed class NodeJoinTests
{
    private const int Users = 16;

    [Fact]
    public async Task Users_that_move_to_a_joining_node_resume_there_with_every_save_made_while_their_tab_was_away()
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var users = Enumerable.Range(0, Users).Select(i => $"joiner-user-{i}").ToArray();
        var agents = new Dictionary<string, JsonWsClient>();
        foreach (var user in users)
        {
            var (tab, _) = await TabAsync(a, $"{user}-tab", user);
            var agent = agents[user] = await AgentAsync(b, $"{user}-agent", user);
            await tab.ExpectAsync("desktop_status");
            await tab.SendAsync(Msg.EditRequest($"{user}-s", "code-1", "v0"));
            await agent.ExpectAsync("edit_request");
            await agent.SendAsync(Msg.CodeUpdate($"{user}-s", "code-1", "v1"));
            Assert.Equal(1, SeqOf(await tab.ExpectAsync("code_update")));
            await tab.CloseAsync();
            await tab.DisposeAsync();
            await agent.SendAsync(Msg.CodeUpdate($"{user}-s", "code-1", $"v2 of {user}"));
            await agent.AssertNothingPendingAsync();
        }
        var before = users.ToDictionary(u => u, u => cluster.OwnerOf(u).Id);

        var c = await cluster.AddNodeAsync();
        await cluster.ConvergedAsync();
        var moved = users.Where(u => cluster.OwnerOf(u) == c).ToList();
        Assert.NotEmpty(moved); // 16 users over 3 nodes: all staying put is a (2/3)^16 chance
        Assert.All(users.Except(moved), u => Assert.Equal(before[u], cluster.OwnerOf(u).Id));

        foreach (var user in users)
        {
            await using var back = await ReconnectTabAsync(a, $"{user}-tab", user, [($"{user}-s", 1)]);
            var missed = await back.WaitForAsync("code_update");
            Assert.Equal($"v2 of {user}", missed.Code());
            // A moved user's agent was closed by the hand-over; it reconnects, re-announces, and its saves reach the tab.
            if (moved.Contains(user))
            {
                await agents[user].ClosedAsync();
                await agents[user].DisposeAsync();
                agents[user] = await ReconnectAgentAsync(b, $"{user}-agent", user, [new Announced($"{user}-s", "code-1", "js", $"{user}-tab")]);
            }
            await agents[user].SendAsync(Msg.CodeUpdate($"{user}-s", "code-1", $"v3 of {user}"));
            var next = await back.WaitForAsync("code_update");
            Assert.Equal($"v3 of {user}", next.Code());
            Assert.True(SeqOf(next) > SeqOf(missed));
        }
        foreach (var agent in agents.Values) await agent.DisposeAsync();
    }
}
