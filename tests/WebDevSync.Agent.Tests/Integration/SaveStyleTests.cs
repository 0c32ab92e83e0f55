namespace WebDevSync.Agent.Tests.Integration;

/// <summary>The real relay and the real agent, with a scripted editor saving the way real editors do.</summary>
public sealed class SaveStyleTests
{
    public static readonly TheoryData<string> Styles = new() { "inplace", "rename", "recreate" };

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Every_save_reaches_the_browser_intact_and_in_order(string style)
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor(style));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", "let a = 0;", "js");
        var file = await s.Editor.FileAsync();
        Assert.Equal("let a = 0;", File.ReadAllText(file));
        Assert.EndsWith(".js", file);

        string[] saves = ["let a = 1;\n", "let a = \"ünïcødé ✓\";\n\ttabs\r\nand CRLF\n", string.Concat(Enumerable.Repeat("/* a long line */ let x = 1;\n", 8000)), "x"];
        foreach (var code in saves)
        {
            await s.Editor.SaveAsync(code);
            await s.Browser.WaitForUpdateAsync(sid, code);
        }

        var updates = s.Browser.Updates(sid);
        Assert.Equal(saves, updates.Select(u => u.Code));
        Assert.True(Enumerable.Zip(updates, updates.Skip(1), (a, b) => a.Seq < b.Seq).All(ok => ok), "seq grows with every update");

        s.Editor.Exit();
        var closed = await s.Browser.WaitForClosedAsync(sid);
        Assert.Equal("editor_exited", closed.Reason);
        await s.Agent.WaitForLineAsync($"^session_closed {sid} editor_exited$");
        Assert.False(File.Exists(file), "the session's file is removed when it ends");
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task A_save_that_changes_nothing_sends_nothing(string style)
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor(style));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "notes", "same", "md");
        await s.Editor.FileAsync();

        await s.Editor.SaveAsync("same");
        await s.Agent.WaitForLineAsync($"^save_unchanged {sid}$");
        await s.Editor.SaveAsync("changed");
        await s.Browser.WaitForUpdateAsync(sid, "changed");
        var before = s.Agent.Lines.Count;
        await s.Editor.SaveAsync("changed");
        await s.Agent.WaitForLineAsync($"^save_unchanged {sid}$", skip: before);
        await s.Editor.SaveAsync("changed again");
        await s.Browser.WaitForUpdateAsync(sid, "changed again");

        Assert.Equal(["changed", "changed again"], s.Browser.Updates(sid).Select(u => u.Code));
        // The agent prints a step's lines after carrying out its effects, so the tab may hold the update
        // before its update_sent line is out (seen under load): wait for the line, then count.
        await s.Agent.WaitForLineAsync($"^update_sent {sid} ", skip: before);
        Assert.Equal(2, s.Agent.Lines.Count(l => l.StartsWith($"update_sent {sid} ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_editor_that_saves_and_exits_at_once_sends_the_final_update_then_session_closed()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("rename"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", "before", "py");
        await s.Editor.FileAsync();

        s.Editor.SaveAndExit("after\n");
        var closed = await s.Browser.WaitForClosedAsync(sid);

        Assert.Equal("editor_exited", closed.Reason);
        var received = s.Browser.Received.ToList();
        var update = received.FindIndex(m => m is Core.Protocol.ServerMessage.CodeUpdate u && u.SessionId == sid && u.Code == "after\n");
        Assert.InRange(update, 0, received.IndexOf(closed) - 1);
    }
}
