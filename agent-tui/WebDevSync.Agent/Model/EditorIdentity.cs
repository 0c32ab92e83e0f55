namespace WebDevSync.Agent.Model;

/// <summary>
/// A process as it can be recognised later: its pid and its start time (clock ticks since boot, from
/// <c>/proc/&lt;pid&gt;/stat</c>), so a pid the system reused for another process is not mistaken for it.
/// </summary>
public sealed record EditorIdentity(int Pid, long StartTicks);
