using System.Collections.Immutable;

namespace WebDevSync.Agent.Model;

/// <summary>A <c>session_closed</c> that could not go out while the link was down; sent after reconnect.</summary>
public sealed record PendingClose(string SessionId, string Reason);

/// <summary>
/// The agent's whole state, and the view model the screen is drawn from. Immutable;
/// <see cref="Agent.Step"/> returns a new one. <see cref="Attempt"/> numbers links so events from an
/// old link are recognised and ignored; <see cref="Failures"/> counts drops since the last good link.
/// </summary>
public sealed record AgentState(
    AgentSettings Settings,
    LinkState Link,
    int Attempt,
    int Failures,
    long LastPingMs,
    long? PingSentAtMs,
    ImmutableList<AgentSession> Sessions,
    ImmutableList<PendingClose> PendingCloses,
    int Selected,
    bool Debug,
    bool ShowHelp,
    bool Quitting,
    ImmutableList<LogEntry> Log,
    long NextLogSeq,
    long NowMs)
{
    public static AgentState Initial(AgentSettings settings, bool debug = false) =>
        new(settings, new LinkState.Idle(), 0, 0, 0, null, [], [], 0, debug, false, false, [], 1, 0);

    /// <summary><c>q</c> with sessions open: whether to quit is asked first, while this is set.</summary>
    public bool ConfirmingQuit { get; init; }

    /// <summary>The session a close confirmation is asking about, while the question is on screen.</summary>
    public string? ConfirmingClose { get; init; }

    /// <summary>When editors were started for pages in the last minute (<see cref="LaunchBudget"/>).</summary>
    public ImmutableList<long> PageLaunchesMs { get; init; } = [];

    public bool IsConnected => Link is LinkState.Connected;

    public AgentSession? Find(string sessionId) => Sessions.Find(s => s.Id == sessionId);

    public AgentSession? SelectedSession => Sessions.IsEmpty ? null : Sessions[Math.Clamp(Selected, 0, Sessions.Count - 1)];

    public AgentState Put(AgentSession session)
    {
        var index = Sessions.FindIndex(s => s.Id == session.Id);
        return this with { Sessions = index < 0 ? Sessions.Add(session) : Sessions.SetItem(index, session) };
    }

    public AgentState Without(string sessionId)
    {
        var next = Sessions.RemoveAll(s => s.Id == sessionId);
        return this with { Sessions = next, Selected = Math.Clamp(Selected, 0, Math.Max(0, next.Count - 1)) };
    }

    /// <summary>Appends a log line, keeping the newest <see cref="AgentSettings.LogCapacity"/>.</summary>
    public AgentState Logged(LogLevel level, string text, long now)
    {
        var log = Log.Add(new LogEntry(NextLogSeq, now, level, text));
        if (log.Count > Settings.LogCapacity) log = log.RemoveRange(0, log.Count - Settings.LogCapacity);
        return this with { Log = log, NextLogSeq = NextLogSeq + 1 };
    }
}
