using WebDevSync.Agent.Tests.Model;
using WebDevSync.Agent.Views;

namespace WebDevSync.Agent.Tests.Views;

/// <summary>The screen is a projection of the state: what each part of it shows, without a terminal.</summary>
public sealed class ViewModelTests
{
    private static AgentState Busy(int sessions)
    {
        var events = Enumerable.Range(0, sessions).SelectMany(i => new AgentEvent[]
        {
            Fixtures.Receive(Fixtures.Request($"s-{i:D4}-0f8fad5b", textarea: $"area-{i}"), 2_000 + i),
            new AgentEvent.EditorStarted($"s-{i:D4}-0f8fad5b", "code", 2_100 + i),
            new AgentEvent.FileSaved($"s-{i:D4}-0f8fad5b", $"v{i}", 3_000 + i),
        }).ToArray();
        return Fixtures.Run(Fixtures.Connected(), events).State;
    }

    [Fact]
    public void Each_session_is_a_row_with_its_textarea_page_file_editor_state_last_sync_size_and_saves()
    {
        var row = Assert.Single(ViewModel.From(Busy(1), TimeZoneInfo.Utc).Rows);
        Assert.Equal(new SessionRow("area-0", "b-tab", "area-0-s00000f8.js", "code", "editing", "00:00:03", "2 B", 1, Selected: true), row);
    }

    [Fact]
    public void The_selection_follows_the_state()
    {
        var state = Fixtures.Run(Busy(3), new AgentEvent.MoveSelection(1, 4_000), new AgentEvent.SelectIndex(2, 4_100)).State;
        Assert.Equal([false, false, true], ViewModel.From(state).Rows.Select(r => r.Selected));
    }

    [Fact]
    public void The_header_counts_down_to_the_next_reconnect_and_shows_the_reason()
    {
        var state = Fixtures.Run(Fixtures.Connected(), new AgentEvent.LinkClosed(1, "connection refused", null, 0.5, 5_000), new AgentEvent.Tick(5_100)).State;
        var model = ViewModel.From(state);
        Assert.Equal("reconnecting in 1 s — connection refused", model.Connection);
        Assert.Equal(Tone.Warn, model.ConnectionTone);
    }

    [Fact]
    public void Help_and_the_close_question_are_shown_when_the_state_asks_for_them()
    {
        var state = Fixtures.Run(Busy(1), new AgentEvent.ToggleHelp(4_000), new AgentEvent.CloseSelected(4_100)).State;
        var model = ViewModel.From(state);
        Assert.True(model.ShowHelp);
        Assert.Equal("area-0 (area-0-s00000f8.js)", model.ConfirmingClose);
        Assert.Contains(ViewModel.HelpLines, l => l.Contains("reconnect to the relay now"));
    }

    [Fact]
    public void Debug_lines_are_hidden_until_debug_is_on()
    {
        var state = Busy(1);
        Assert.DoesNotContain(ViewModel.From(state).Log, l => l.Level == LogLevel.Debug);
        Assert.Contains(ViewModel.From(state with { Debug = true }).Log, l => l.Level == LogLevel.Debug);
    }
}
