namespace WebDevSync.Agent.Tests.Integration;

/// <summary>A hostile page against the real agent through the real relay (issue 22 items 4 and 7).</summary>
public sealed class HostilePageTests
{
    private const string Bidi = "\u202E\u2066\u200F\u061C\u200B";

    [Fact]
    public async Task Bidi_and_format_controls_from_the_page_never_reach_the_log()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("inplace"));
        var sid = $"s-{Guid.NewGuid()}{Bidi}";
        var page = new PageContext($"https://example.org/{Uri.EscapeDataString(Bidi)}", $"Title {Bidi} exe.js", null);
        await s.Browser.SendAsync(new ClientMessage.EditRequest(new Claims(s.Browser.ConnectionId, s.Browser.UserId), sid, $"code{Bidi}1", "x", "js", page));
        await s.Agent.WaitForLineAsync("^editor_started ");
        await s.Browser.SendAsync(new ClientMessage.SessionClosed(new Claims(s.Browser.ConnectionId, s.Browser.UserId), sid, $"bye{Bidi}gnp.exe"));
        await s.Agent.WaitForLineAsync("^session_closed .* bye_____gnp.exe");

        Assert.DoesNotContain(s.Agent.Lines, l => l.Any(c => Bidi.Contains(c)));
    }

    [Fact]
    public async Task Requests_beyond_the_launch_budget_are_refused_to_the_tab_and_the_log_says_why()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("inplace"), "--editor-launches-per-minute", "2");
        var ids = Enumerable.Range(0, 5).Select(i => $"s-{i}-{Guid.NewGuid()}").ToList();
        foreach (var id in ids) await s.Browser.EditAsync(id, "code-1", "x", "js");

        foreach (var id in ids.Skip(2))
            Assert.Equal("launch_budget", (await s.Browser.WaitForClosedAsync(id)).Reason);
        // Lines are printed after the step's effects ran, so the tab can hear first: wait for them.
        int Count(string prefix) => s.Agent.Lines.Count(l => l.StartsWith(prefix, StringComparison.Ordinal));
        await Poll.UntilAsync(() => Count("editor_started ") == 2 && Count("launch_refused ") == 3,
            "two editors started and three refusals logged");
        Assert.All(s.Agent.Lines.Where(l => l.StartsWith("launch_refused ", StringComparison.Ordinal)),
            l => Assert.EndsWith("already 2 editors started for pages in the last minute (editorLaunchesPerMinute)", l));
    }
}
