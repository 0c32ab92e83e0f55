namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// A closed SSH session (SIGHUP) is a quit, not a crash: the agent closes its sessions with
/// <c>agent_exit</c>, exits 0, and leaves its state file only for a session it kept (an editor still has it),
/// so the next agent has nothing of the hung-up one to resume.
/// </summary>
public sealed class HangupTests
{
    [Fact]
    public async Task A_hangup_with_no_editor_left_closes_the_agent_and_removes_its_state_file()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("inplace"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", "x", "js");
        await s.Editor.FileAsync();
        var state = await StateFileAsync(s);
        s.Editor.SaveAndExit("y");
        Assert.Equal("editor_exited", (await s.Browser.WaitForClosedAsync(sid)).Reason);

        s.Agent.Signal("HUP");

        Assert.Equal(0, await s.Agent.WaitForExitAsync());
        Assert.False(File.Exists(state), "the state file is removed: nothing is left to resume");
    }

    [Fact]
    public async Task A_hangup_while_an_editor_runs_closes_its_session_with_agent_exit_and_keeps_the_state_file_for_it()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("inplace"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", "x", "js");
        var file = await s.Editor.FileAsync();
        var state = await StateFileAsync(s);

        s.Agent.Signal("HUP");

        Assert.Equal("agent_exit", (await s.Browser.WaitForClosedAsync(sid)).Reason);
        Assert.Equal(0, await s.Agent.WaitForExitAsync());
        Assert.True(File.Exists(file), "the running editor's file stays");
        Assert.True(File.Exists(state), "the state file stays while a kept session's editor runs");
    }

    /// <summary>The agent's state file (its directory is isolated per test by the kit's environment).</summary>
    private static async Task<string> StateFileAsync(Scenario s)
    {
        var stateDir = Path.Combine(s.Dir.Sub("state"), "webdevsync");
        string? found = null;
        await Poll.UntilAsync(() => (found = Directory.Exists(stateDir) ? Directory.EnumerateFiles(stateDir, "agent-*.json").SingleOrDefault() : null) is not null,
            "the agent's state file");
        return found!;
    }
}
