namespace WebDevSync.Agent.Tests.Integration;

public sealed class SessionEndTests
{
    [Fact]
    public async Task When_the_browser_closes_the_session_the_agent_removes_its_file()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("inplace"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", "x", "js");
        var file = await s.Editor.FileAsync();

        await s.Browser.CloseSessionAsync(sid);

        await s.Agent.WaitForLineAsync($"^session_closed {sid} closed_by_browser$");
        await Poll.UntilAsync(() => !File.Exists(file), "the file to be removed");
    }

    [Fact]
    public async Task Sigterm_closes_every_session_removes_the_files_and_exits_zero()
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
        Assert.False(Directory.Exists(privateDir), "the private directory is removed on exit");
    }
}
