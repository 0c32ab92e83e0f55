using System.Drawing;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using WebDevSync.Agent.Model;
using Attribute = Terminal.Gui.Drawing.Attribute;
using Color = Terminal.Gui.Drawing.Color;

namespace WebDevSync.Agent.Views;

/// <summary>
/// The agent's screen in Terminal.Gui: a header (who, where, the connection in colour), the sessions
/// table, the log pane and a status bar of keys. <see cref="Apply"/> lays a <see cref="ViewModel"/> on
/// it; everything the user does goes back as an <see cref="AgentEvent"/>, never into the widgets' own state.
/// </summary>
internal sealed class AgentScreen : Runnable
{
    private readonly IApplication _app;
    private readonly Action<AgentEvent> _post;
    private readonly Label _title = new() { X = 0, Y = 0, Width = Dim.Fill() };
    private readonly Label _connection = new() { X = 0, Y = 1, Width = Dim.Fill() };
    private readonly TableView _table = new() { X = 0, Y = 2, Width = Dim.Fill(), FullRowSelect = true, MultiSelect = false };
    private readonly LogPane _log = new() { X = 0, Width = Dim.Fill() };
    private int _selectedShown = -1;
    private bool _dialogOpen;
    private bool _helpArmed = true;
    private bool _closeArmed = true;
    private bool _quitArmed = true;
    private ViewModel? _shown;

    public AgentScreen(IApplication app, Action<AgentEvent> post)
    {
        (_app, _post) = (app, post);
        // The frame is the view's border; inside it only the header's underline and the column separators.
        _table.Style.ShowHorizontalHeaderOverline = false;
        _table.Style.ShowVerticalCellLineForFirstColumn = false;
        _table.Style.ShowVerticalCellLineForLastColumn = false;
        _table.Style.ShowHorizontalBottomLine = false;
        _table.Style.ExpandLastColumn = false;
        _table.BorderStyle = LineStyle.Rounded;
        _table.Title = "Sessions";
        _table.CollectionNavigator = null;
        _table.ValueChanged += (_, e) =>
        {
            var row = e.NewValue?.SelectedCell.Y ?? -1;
            if (row >= 0 && row != _selectedShown) _post(new AgentEvent.SelectIndex(row, Now()));
        };
        _table.Accepting += (_, e) => { _post(new AgentEvent.OpenAgain(Now())); e.Handled = true; };
        _log.Y = Pos.Bottom(_table);
        _log.Height = Dim.Fill(1);
        var status = new StatusBar(
        [
            Shortcut(Key.O, "Open", () => new AgentEvent.OpenAgain(Now())),
            Shortcut(Key.C, "Close", () => new AgentEvent.CloseSelected(Now())),
            Shortcut(Key.R, "Reconnect", () => new AgentEvent.ReconnectNow(Now())),
            Shortcut(Key.D, "Debug", () => new AgentEvent.ToggleDebug(Now())),
            Shortcut(Key.H, "Help", () => new AgentEvent.ToggleHelp(Now())),
            Shortcut(Key.Q, "Quit", () => new AgentEvent.QuitRequested("q", Now())),
        ]);
        Add(_title, _connection, _table, _log, status);
        app.Keyboard.KeyDown += OnKey;
        app.ScreenChanged += (_, _) => { if (_shown is { } vm) Layout(vm); };
    }

    private Shortcut Shortcut(Key key, string title, Func<AgentEvent> e) => new(key, title, () => _post(e()));

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Keys go to the reducer first (so the table's own bindings never move a selection the state does not know).</summary>
    private void OnKey(object? sender, Key key)
    {
        if (_app.TopRunnableView != this || _dialogOpen) return;
        if (TerminalKeys.ToConsoleKey(key) is not { } info) return;
        if (info.Key == ConsoleKey.Escape) { key.Handled = true; return; } // not Terminal.Gui's quit key: only q and Ctrl-C quit
        if (Keys.ToEvent(info, Now(), helpShown: false) is { } e)
        {
            _post(e);
            key.Handled = true;
        }
    }

    public void Apply(ViewModel vm)
    {
        var old = _shown;
        _shown = vm;
        _title.Text = LogPane.Fit($"WebDevSync agent · {vm.UserId} @ {vm.ServerUrl}{(vm.Debug ? "  [debug]" : "")}", _app.Screen.Width);
        _connection.Text = LogPane.Fit($"● {vm.Connection}", _app.Screen.Width);
        _connection.SetScheme(new Scheme(new Attribute(Tone(vm.ConnectionTone), GetAttributeForRole(VisualRole.Normal).Background)));
        if (old is null || !old.Rows.SequenceEqual(vm.Rows) || NarrowChanged()) Layout(vm);
        _log.Show(vm.Log);
        Dialogs(vm);
    }

    private bool _wide;

    private bool NarrowChanged() => _wide != (_app.Screen.Width >= ViewModel.NarrowWidth);

    /// <summary>The table takes the rows it has (at least one, at most half the screen); the log the rest.</summary>
    private void Layout(ViewModel vm)
    {
        _wide = _app.Screen.Width >= ViewModel.NarrowWidth;
        _table.Table = new SessionTable(vm.Rows, _wide);
        _table.Title = vm.Rows.IsEmpty ? "Sessions: none open, waiting for edit requests" : $"Sessions: {vm.Rows.Length}";
        var room = Math.Max(4, (_app.Screen.Height - 3) / 2);
        _table.Height = Math.Clamp(vm.Rows.Length + 4, 4, room);
        var selected = vm.Rows.ToList().FindIndex(r => r.Selected);
        _selectedShown = selected;
        if (selected >= 0) _table.Value = new TableSelection(new Point(0, selected));
        _table.SetNeedsDraw();
    }

    /// <summary>
    /// Help and the close confirmation are modal dialogs, opened when the state asks for them and
    /// answered with an event. A dialog opens again only after the state has been seen without it: a
    /// redraw of the state from before the answer reached the reducer must not open it a second time.
    /// </summary>
    private void Dialogs(ViewModel vm)
    {
        _helpArmed |= !vm.ShowHelp;
        _closeArmed |= vm.ConfirmingClose is null;
        _quitArmed |= vm.ConfirmingQuit is null;
        if (_dialogOpen) return;
        if (vm.ShowHelp && _helpArmed)
        {
            (_dialogOpen, _helpArmed) = (true, false);
            _app.Invoke(() =>
            {
                // The box centres each line; lines of one width keep the keys in a column.
                var width = ViewModel.HelpLines.Max(l => l.Length);
                MessageBox.Query(_app, "Help", string.Join('\n', ViewModel.HelpLines.Select(l => l.PadRight(width))), "_OK");
                _dialogOpen = false;
                _post(new AgentEvent.ToggleHelp(Now()));
            });
        }
        else if (vm.ConfirmingQuit is { } consequences && _quitArmed)
        {
            (_dialogOpen, _quitArmed) = (true, false);
            _app.Invoke(() =>
            {
                var answer = MessageBox.Query(_app, "Quit", $"Quit the agent?\n{consequences}", "_Yes", "_No");
                _dialogOpen = false;
                _post(new AgentEvent.QuitAnswered(answer == 0, Now()));
            });
        }
        else if (vm.ConfirmingClose is { } what && _closeArmed)
        {
            (_dialogOpen, _closeArmed) = (true, false);
            _app.Invoke(() =>
            {
                var answer = MessageBox.Query(_app, "Close session", $"Close {what}?\nThe browser is told and the file removed.", "_Yes", "_No");
                _dialogOpen = false;
                _post(new AgentEvent.CloseAnswered(answer == 0, Now()));
            });
        }
    }

    private static Color Tone(Tone tone) => tone switch
    {
        Views.Tone.Good => new Color(ColorName16.BrightGreen),
        Views.Tone.Busy => new Color(ColorName16.BrightYellow),
        Views.Tone.Warn => new Color(ColorName16.Yellow),
        _ => new Color(ColorName16.BrightRed),
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing) _app.Keyboard.KeyDown -= OnKey;
        base.Dispose(disposing);
    }
}
