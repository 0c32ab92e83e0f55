using Terminal.Gui.Input;

namespace WebDevSync.Agent.Views;

/// <summary>Terminal.Gui's keys as the <see cref="ConsoleKeyInfo"/> the pure key map reads; null for keys the agent has no use for.</summary>
internal static class TerminalKeys
{
    public static ConsoleKeyInfo? ToConsoleKey(Key key)
    {
        if (key == Key.C.WithCtrl) return new('\u0003', ConsoleKey.C, false, false, true);
        if (key == Key.CursorUp) return Named(ConsoleKey.UpArrow);
        if (key == Key.CursorDown) return Named(ConsoleKey.DownArrow);
        if (key == Key.Enter) return new('\r', ConsoleKey.Enter, false, false, false);
        if (key == Key.Esc) return new('\u001b', ConsoleKey.Escape, false, false, false);
        if (key.IsCtrl || key.IsAlt) return null;
        return key.AsRune is { Value: > 32 and < 127 } rune ? new((char)rune.Value, default, false, false, false) : null;
    }

    private static ConsoleKeyInfo Named(ConsoleKey k) => new('\0', k, false, false, false);
}
