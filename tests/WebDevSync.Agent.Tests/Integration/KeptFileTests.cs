using System.Text.RegularExpressions;

namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// Issue 27: when a tab is gone for good, or the agent quits, while an editor has the file, nothing
/// typed is lost. The real relay and agent, a scripted editor.
/// </summary>
public sealed class KeptFileTests
{
    private static string KeptFile(TempDirectory dir, string file) => Path.Combine(dir.Sub("state"), "kept", Path.GetFileName(file));

    [Fact]
    public async Task When_the_tab_is_gone_the_file_stays_for_the_editor_and_every_later_save_lands_in_the_kept_file()
    {
        await using var server = await RelayServer.StartAsync(new Dictionary<string, string> { ["WEBDEVSYNC__gracePeriod"] = "300" });
        var user = $"u{Guid.NewGuid():N}";
        var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        using var dir = new TempDirectory();
        await using var agent = Agents.Start(dir, server.WsUrl, user, Scenario.ScriptedEditor("rename"), "--state-dir", dir.Sub("state"));
        await browser.WaitForDesktopAsync();
        var editor = new EditorControl(dir.Sub("ctl"));
        var sid = $"s-{Guid.NewGuid()}";
        await browser.EditAsync(sid, "code-1", "typed in the page", "js");
        var file = await editor.FileAsync();

        await browser.DisposeAsync(); // the tab is gone; the relay ends its sessions after the grace period
        var kept = KeptFile(dir, file);
        await agent.WaitForLineAsync($"^session_kept {sid} browser_gone: the text is kept in {Regex.Escape(kept)}");
        Assert.True(File.Exists(file), "the editor's file stays");
        Assert.Equal("typed in the page", File.ReadAllText(kept));

        await editor.SaveAsync("typed after the tab closed");
        await Poll.UntilAsync(() => File.ReadAllText(kept) == "typed after the tab closed", "the save in the kept file");
        editor.SaveAndExit("the last save");
        await agent.WaitForLineAsync($"^session_ended {sid} its text is kept in ");
        Assert.Equal("the last save", File.ReadAllText(kept));
        Assert.False(File.Exists(file), "the temp file goes once its editor is done");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kept));

        await using var list = Agents.Run(dir, "list", "--state-dir", dir.Sub("state"));
        Assert.Equal(0, await list.WaitForExitAsync());
        Assert.Contains($" B  {kept}  (removed after {File.GetLastWriteTime(kept).AddDays(30):yyyy-MM-dd})", list.Output);
        Assert.Contains("kept files not changed for 30 days are removed when an agent starts (keptFileMaxAgeDays)", list.Output);
    }

    [Fact]
    public async Task An_agent_that_starts_removes_the_kept_files_past_their_lifetime_and_says_so()
    {
        await using var server = await RelayServer.StartAsync();
        using var dir = new TempDirectory();
        var kept = Directory.CreateDirectory(Path.Combine(dir.Sub("state"), "kept")).FullName;
        var old = Path.Combine(kept, "code-1-old.js");
        var fresh = Path.Combine(kept, "code-1-fresh.js");
        File.WriteAllText(old, "old");
        File.WriteAllText(fresh, "fresh");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-8));
        File.SetLastWriteTimeUtc(fresh, DateTime.UtcNow.AddDays(-6));

        await using var agent = Agents.Start(dir, server.WsUrl, $"u{Guid.NewGuid():N}", Scenario.ScriptedEditor("inplace"),
            "--state-dir", dir.Sub("state"), "--kept-max-age-days", "7");
        await agent.WaitForLineAsync("^kept_removed 1 kept files not changed for 7 days \\(keptFileMaxAgeDays\\)$");
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public async Task Quitting_with_an_editor_open_tells_the_tab_and_leaves_the_editors_file_where_it_is()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("inplace"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", "v1", "js");
        var file = await s.Editor.FileAsync();
        await s.Editor.SaveAsync("v2, saved");
        await s.Browser.WaitForUpdateAsync(sid, "v2, saved");

        s.Agent.Signal("TERM");
        Assert.Equal(0, await s.Agent.WaitForExitAsync());
        Assert.Equal("agent_exit", (await s.Browser.WaitForClosedAsync(sid)).Reason);
        Assert.True(File.Exists(file), "no E212: the editor can still write its file");
        Assert.Contains($"session_kept {sid} agent_exit: the text is kept in ", s.Agent.Output);
    }
}
