namespace WebDevSync.Agent.Tests.Model;

/// <summary>Builders for reducer tests: settings, a connected state, and running a list of events.</summary>
internal static class Fixtures
{
    public const string TempDir = "/run/user/1000/webdevsync-1-abcd";

    public static AgentSettings Settings(string editor = "code --wait {file}", bool insideTmux = false) =>
        new("ws://127.0.0.1:8071/web-dev-sync/ws", "alice", "d-agent", editor, EditorKindSetting.Auto,
            new EditorSurroundings(insideTmux, UseTmux: true, HasDisplay: true), TempDir, MaxFileBytes: 1000,
            HeartbeatIntervalMs: 15_000, PongTimeoutMs: 15_000);

    /// <summary>
    /// Steps each event; every file the reducer writes is then written, as the shell reports it
    /// (<see cref="AgentEvent.FileWritten"/>). <see cref="Step"/> steps only the events given.
    /// </summary>
    public static AgentTransition Run(AgentState state, params AgentEvent[] events)
    {
        var t = AgentTransition.Of(state);
        foreach (var e in events)
        {
            t = Step(t, e);
            foreach (var w in t.Effects.OfType<AgentEffect.WriteFile>().Where(w => t.State.Find(w.SessionId) is { LaunchWhenWritten: true }).ToList())
                t = Step(t, new AgentEvent.FileWritten(w.SessionId, e.NowMs));
        }
        return t;
    }

    public static AgentTransition Step(AgentTransition t, AgentEvent e)
    {
        var next = AgentReducer.Step(t.State, e);
        return new AgentTransition(next.State, t.Effects.AddRange(next.Effects));
    }

    /// <summary>Started, link 1 open, acknowledged.</summary>
    public static AgentState Connected(AgentSettings? settings = null) =>
        Run(AgentState.Initial(settings ?? Settings()),
            new AgentEvent.Started(1_000), new AgentEvent.LinkOpened(1, 1_100),
            new AgentEvent.Received(1, new ServerMessage.ConnectionAck("d-agent", Role.Agent, "alice"), 1_200)).State;

    public static ServerMessage.EditRequest Request(string sessionId = "s-1234567890", string code = "let a = 1;", string textarea = "code-1", string fileType = "js") =>
        new(sessionId, textarea, code, fileType, "b-tab", 0);

    public static AgentEvent.Received Receive(ServerMessage m, long now = 2_000, int attempt = 1) => new(attempt, m, now);

    /// <summary>A connected agent with one session open in a running editor.</summary>
    public static AgentState Editing(string sessionId = "s-1234567890", string code = "let a = 1;", AgentSettings? settings = null) =>
        Run(Connected(settings), Receive(Request(sessionId, code)), new AgentEvent.EditorStarted(sessionId, "code", 2_100)).State;

    public static ImmutableArray<ClientMessage> Sent(this AgentTransition t) =>
        [.. t.Effects.OfType<AgentEffect.Send>().Select(s => s.Message)];

    /// <summary>A live change as (text, baseSeq), whether it went whole or as edits of <paramref name="before"/> (issue 28).</summary>
    public static (string? Text, long? BaseSeq) Change(this ClientMessage m, string before) => m switch
    {
        ClientMessage.CodeUpdate u => (u.Code, u.BaseSeq),
        ClientMessage.CodeEdits e => (WebDevSync.Core.Editing.EditScript.Apply(before, e.Edits), e.BaseSeq),
        _ => throw new InvalidOperationException($"not a change: {m}"),
    };

    public static IEnumerable<string> LogText(this AgentState s) => s.Log.Select(l => l.Text);
}
