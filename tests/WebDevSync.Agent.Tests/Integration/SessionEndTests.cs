namespace WebDevSync.Agent.Tests.Integration;

public sealed class SessionEndTests
{
    [Fact]
    public async Task When_the_browser_closes_the_session_the_file_stays_for_its_editor_and_goes_when_the_editor_exits()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("inplace"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", "x", "js");
        var file = await s.Editor.FileAsync();

        await s.Browser.CloseSessionAsync(sid);

        await s.Agent.WaitForLineAsync($"^session_closed {sid} closed_by_browser$");
        await s.Agent.WaitForLineAsync($"^session_kept {sid} closed_by_browser: ");
        Assert.True(File.Exists(file), "the editor still has it (issue 27)");
        s.Editor.Exit();
        await Poll.UntilAsync(() => !File.Exists(file), "the file to be removed once its editor exited");
    }

    [Fact]
    public async Task Sigterm_closes_every_session_keeps_the_running_editors_file_and_exits_zero()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("inplace"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", "x", "js");
        var file = await s.Editor.FileAsync();
        var privateDir = Path.GetDirectoryName(file)!;

        s.Agent.Signal("TERM");

        var closed = await s.Browser.WaitForClosedAsync(sid);
        Assert.Equal("agent_exit", closed.Reason);
        Assert.Equal(0, await s.Agent.WaitForExitAsync());
        // Its editor was still running: the file stays for it (issue 27), and the next agent of this user and relay takes it up.
        Assert.True(File.Exists(file), "the running editor's file stays");
        Assert.Equal([file], Directory.GetFiles(privateDir));
    }
}
