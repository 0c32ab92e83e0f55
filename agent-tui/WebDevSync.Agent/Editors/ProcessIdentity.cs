using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Editors;

/// <summary>Tells a process by pid and start time (<c>/proc/&lt;pid&gt;/stat</c>, field 22), so a reused pid is not taken for it.</summary>
public static class ProcessIdentity
{
    public static EditorIdentity? Of(int pid) => StartTicks(pid) is { } ticks ? new EditorIdentity(pid, ticks) : null;

    /// <summary>Still the same process, and not a zombie (the tmux server may reap its children late).</summary>
    public static bool IsRunning(EditorIdentity editor)
    {
        var stat = Stat(editor.Pid);
        return stat is not null && Fields(stat) is { Length: > 19 } f && f[0] is not ("Z" or "X")
               && long.TryParse(f[19], out var ticks) && ticks == editor.StartTicks;
    }

    private static long? StartTicks(int pid) =>
        Stat(pid) is { } stat && Fields(stat) is { Length: > 19 } f && long.TryParse(f[19], out var ticks) ? ticks : null;

    /// <summary>The fields after the command name, which may itself hold spaces and parentheses: f[0] is the state (field 3).</summary>
    private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

    private static string? Stat(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
