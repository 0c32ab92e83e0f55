using WebDevSync.Agent.Tests.Model;
using WebDevSync.Agent.Views;

namespace WebDevSync.Agent.Tests.Views;

public sealed class KeysAndHeadlessTests
{
    [Theory]
    [InlineData('o', ConsoleKey.O, typeof(AgentEvent.OpenAgain))]
    [InlineData('c', ConsoleKey.C, typeof(AgentEvent.CloseSelected))]
    [InlineData('r', ConsoleKey.R, typeof(AgentEvent.ReconnectNow))]
    [InlineData('d', ConsoleKey.D, typeof(AgentEvent.ToggleDebug))]
    [InlineData('h', ConsoleKey.H, typeof(AgentEvent.ToggleHelp))]
    [InlineData('?', ConsoleKey.Oem2, typeof(AgentEvent.ToggleHelp))]
    [InlineData('q', ConsoleKey.Q, typeof(AgentEvent.QuitRequested))]
    [InlineData('\0', ConsoleKey.UpArrow, typeof(AgentEvent.MoveSelection))]
    [InlineData('\0', ConsoleKey.DownArrow, typeof(AgentEvent.MoveSelection))]
    public void Keys_map_to_events(char c, ConsoleKey key, Type expected) =>
        Assert.IsType(expected, Keys.ToEvent(new ConsoleKeyInfo(c, key, false, false, false), 1, false));

    [Fact]
    public void Ctrl_c_quits_and_other_keys_do_nothing()
    {
        Assert.IsType<AgentEvent.QuitRequested>(Keys.ToEvent(new ConsoleKeyInfo('\u0003', ConsoleKey.C, false, false, true), 1, false));
        Assert.Null(Keys.ToEvent(new ConsoleKeyInfo('x', ConsoleKey.X, false, false, false), 1, false));
    }

    [Fact]
    public void Headless_prints_each_new_log_line_once_and_debug_lines_only_in_debug()
    {
        var output = new StringWriter();
        var view = new HeadlessView(output);
        var state = Fixtures.Connected();
        view.Show(state);
        view.Show(state);
        Assert.Equal(["connecting ws://127.0.0.1:8071/web-dev-sync/ws", "connected"], output.ToString().TrimEnd().Split(Environment.NewLine));

        var debug = Fixtures.Run(state, new AgentEvent.ToggleDebug(3_000), new AgentEvent.Received(1, new Core.Protocol.ServerMessage.DesktopStatus(true), 3_100)).State;
        view.Show(debug);
        Assert.Contains("ignored DesktopStatus", output.ToString());
    }
}
