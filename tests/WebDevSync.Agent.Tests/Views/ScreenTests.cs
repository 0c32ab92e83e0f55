using Spectre.Console;
using WebDevSync.Agent.Model;
using WebDevSync.Agent.Tests.Model;
using WebDevSync.Agent.Views;
using Xunit;

namespace WebDevSync.Agent.Tests.Views;

public sealed class ScreenTests
{
    private static string[] Render(AgentState state, int width, int height)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Profile.Height = height;
        console.Write(Screen.Build(ViewModel.From(state, TimeZoneInfo.Utc), width, height));
        return output.ToString().TrimEnd('\n').Split('\n');
    }

    private static AgentState Busy(int sessions)
    {
        var events = Enumerable.Range(0, sessions).SelectMany(i => new AgentEvent[]
        {
            Fixtures.Receive(Fixtures.Request($"s-{i:D4}-0f8fad5b-d9cb-469f-a165", textarea: $"a-rather-long-textarea-id-{i}"), 2_000 + i),
            new AgentEvent.EditorStarted($"s-{i:D4}-0f8fad5b-d9cb-469f-a165", "code", 2_100 + i),
            new AgentEvent.FileSaved($"s-{i:D4}-0f8fad5b-d9cb-469f-a165", $"v{i}", 3_000 + i),
        }).ToArray();
        return Fixtures.Run(Fixtures.Connected(), events).State;
    }

    [Theory]
    [InlineData(80, 24, 1)]
    [InlineData(80, 24, 30)]
    [InlineData(200, 50, 3)]
    [InlineData(120, 40, 0)]
    public void The_screen_fits_the_terminal(int width, int height, int sessions)
    {
        var lines = Render(Busy(sessions), width, height);
        Assert.True(lines.Length <= height - 1, $"{lines.Length} lines for a {height}-line terminal");
        Assert.All(lines, l => Assert.True(l.Length <= width, $"line too wide ({l.Length}): {l}"));
        Assert.Contains(lines, l => l.Contains("connected"));
        Assert.Contains(lines, l => l.Contains("q quit"));
    }

    [Fact]
    public void The_table_shows_each_sessions_textarea_file_state_size_and_saves()
    {
        var lines = Render(Busy(1), 120, 40);
        var row = Assert.Single(lines, l => l.Contains("a-rather-long-textarea-id-0") && l.Contains("editing"));
        Assert.Contains("2 B", row);
        Assert.Contains(".js", row);
        Assert.Contains(lines, l => l.Contains("Editor") && l.Contains("Last sync"));
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
    public void Help_replaces_the_log_pane()
    {
        var state = Fixtures.Run(Fixtures.Connected(), new AgentEvent.ToggleHelp(3_000)).State;
        Assert.Contains(Render(state, 80, 24), l => l.Contains("reconnect to the relay now"));
    }
}
