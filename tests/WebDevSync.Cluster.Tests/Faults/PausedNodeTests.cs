using static WebDevSync.Cluster.Tests.Infrastructure.Clients;

namespace WebDevSync.Cluster.Tests.Faults;

/// <summary>
/// Issue 23's case: a node paused past failure detection (SIGSTOP: a long GC, a VM stall) is declared dead;
/// the user's grain starts again on the other node from Redis and takes the save v2; when the paused node
/// wakes it learns it was declared dead and exits (non-zero, for systemd to restart it) without writing its
/// older copy over v2, whether or not the other node died meanwhile. The tab comes back and is sent v2.
/// </summary>
public sealed class PausedNodeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_node_paused_past_failure_detection_exits_when_it_wakes_and_the_tab_still_gets_the_save_made_meanwhile(bool otherNodeDies)
    {
        await using var cluster = await RelayCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        const string user = "uma";
        var (tab, _) = await TabAsync(a, "uma-tab", user);
        var agent = await AgentAsync(a, "uma-agent", user);
        await tab.ExpectAsync("desktop_status");
        await tab.SendAsync(Msg.EditRequest("uma-s", "code-1", "v0"));
        await agent.ExpectAsync("edit_request");
        await agent.SendAsync(Msg.CodeUpdate("uma-s", "code-1", "v1"));
        var first = await tab.ExpectAsync("code_update");
        Assert.Equal(("v1", 1L), (first.Code(), SeqOf(first)));
        await tab.CloseAsync();
        await tab.DisposeAsync();

        a.Process.Pause();
        var paused = System.Diagnostics.Stopwatch.StartNew();
        await b.Process.WaitForStatusAsync(s => s.GetProperty("cluster").GetProperty("nodes").GetInt32() == 1, "the other node to declare the paused one dead");
        output.WriteLine($"the paused node was declared dead after {paused.Elapsed.TotalSeconds:F1} s");
        await using var agentOnB = await ReconnectAgentAsync(b, "uma-agent", user, [new Announced("uma-s", "code-1", "js", "uma-tab")]);
        await agentOnB.SendAsync(Msg.CodeUpdate("uma-s", "code-1", "v2"));
        await agentOnB.AssertNothingPendingAsync(); // acknowledged: the relay answered after it

        if (otherNodeDies) await cluster.KillAsync(b);
        a.Process.Resume();
        var woke = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(75, await a.Process.ExitCodeAsync()); // ClusterWatch.DeclaredDeadExitCode
        output.WriteLine($"the woken node exited {woke.Elapsed.TotalSeconds:F1} s after SIGCONT");
        await agent.DisposeAsync();

        var back = otherNodeDies ? a : b;
        if (otherNodeDies)
        {
            await cluster.RestartAsync(b);
            await cluster.RestartAsync(a);
        }
        await using var tabBack = await ReconnectTabAsync(back, "uma-tab", user, [("uma-s", 1)]);
        var missed = await tabBack.WaitForAsync("code_update");
        // The grain that took v2 started from a record that may lag (its node was declared dead): it numbered from its start time.
        Assert.Equal("v2", missed.Code());
        Assert.True(SeqOf(missed) > 1, $"v2 came as seq {SeqOf(missed)}, not above the tab's 1");
    }
}
