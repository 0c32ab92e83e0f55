namespace WebDevSync.Agent.Tests.Integration;

/// <summary>"One agent per user and relay" holds however the relay's URL is written (issue 27).</summary>
public sealed class OneAgentPerRelayTests
{
    [Fact]
    public async Task An_agent_on_localhost_beside_one_on_127_0_0_1_for_the_same_relay_is_refused_with_exit_code_2()
    {
        await using var s = await Scenario.StartAsync("true");
        var sameRelay = $"ws://localhost:{s.Server.Port}/web-dev-sync/ws/";
        Assert.StartsWith("ws://127.0.0.1:", s.Server.WsUrl);

        await using var second = Agents.Start(s.Dir, sameRelay, s.Browser.UserId, "true");
        Assert.Equal(2, await second.WaitForExitAsync());
        Assert.Contains($"another agent of {s.Browser.UserId} @ {sameRelay} runs on this machine (pid {s.Agent.Id})", second.Errors);
        Assert.False(s.Agent.HasExited);
    }
}
