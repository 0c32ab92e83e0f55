using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Views;

/// <summary>The key map: which key becomes which event. Pure, so it is tested without a terminal.</summary>
public static class Keys
{
    public static AgentEvent? ToEvent(ConsoleKeyInfo key, long now, bool helpShown)
    {
        if (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control)) return new AgentEvent.QuitRequested("ctrl-c", now);
        return key.Key switch
        {
            ConsoleKey.UpArrow => new AgentEvent.MoveSelection(-1, now),
            ConsoleKey.DownArrow => new AgentEvent.MoveSelection(1, now),
            ConsoleKey.Enter => new AgentEvent.OpenAgain(now),
            ConsoleKey.Escape when helpShown => new AgentEvent.ToggleHelp(now),
            _ => char.ToLowerInvariant(key.KeyChar) switch
            {
                'o' => new AgentEvent.OpenAgain(now),
                'c' => new AgentEvent.CloseSelected(now),
                'r' => new AgentEvent.ReconnectNow(now),
                'd' => new AgentEvent.ToggleDebug(now),
                'h' or '?' => new AgentEvent.ToggleHelp(now),
                'q' => new AgentEvent.QuitRequested("q", now),
                'k' => new AgentEvent.MoveSelection(-1, now),
                'j' => new AgentEvent.MoveSelection(1, now),
                _ => null,
            },
        };
    }
}
