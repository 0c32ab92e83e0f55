using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

public sealed class ResumeTests
{
    private static readonly EditorIdentity Vim = new(4242, 987_654);

    private static PersistedSession Saved(string id, string sentContent, EditorIdentity? editor = null) =>
        new(id, "code-1", "js", "b-tab", $"code-1-{id}.js", Path.Combine(TempDir, $"code-1-{id}.js"), EditorKind.Terminal, editor,
            ContentHash.Of(sentContent), SentSeq: 3, OpenedAtMs: 500);

    private static AgentTransition Resume(params ResumedSession[] sessions) =>
        Run(AgentState.Initial(Settings()), new AgentEvent.Resumed([.. sessions], 900), new AgentEvent.Started(1_000), new AgentEvent.LinkOpened(1, 1_100));

    [Fact]
    public void Every_change_to_the_sessions_writes_the_state_file_and_nothing_else_does()
    {
        var t = Run(Connected(), Receive(Request()), new AgentEvent.Tick(2_500), new AgentEvent.FileSaved("s-1234567890", "v2", 3_000));
        var saves = t.Effects.OfType<AgentEffect.SaveState>().ToList();
        Assert.Equal(2, saves.Count);
        var last = Assert.Single(saves[^1].Snapshot.Sessions);
        Assert.Equal((ContentHash.Of("v2"), 1), (last.SentHash, last.SentSeq));
        Assert.Equal("d-agent", saves[^1].Snapshot.ConnectionId);
    }

    [Fact]
    public void The_editors_pid_and_start_time_go_into_the_state_file()
    {
        var t = Run(Connected(), Receive(Request()), new AgentEvent.EditorStarted("s-1234567890", "vim", 2_100, Vim));
        Assert.Equal(Vim, t.Effects.OfType<AgentEffect.SaveState>().Last().Snapshot.Sessions.Single().Editor);
    }

    [Fact]
    public void A_session_whose_editor_still_runs_is_announced_watched_followed_and_sent_what_was_saved_meanwhile()
    {
        var t = Resume(new ResumedSession(Saved("s-1", "old", Vim), "saved while no agent ran", EditorRunning: true));
        var connect = t.Sent().OfType<ClientMessage.DesktopConnect>().Single();
        Assert.Equal("s-1", Assert.Single(connect.Sessions).SessionId);
        Assert.Contains(new AgentEffect.WatchFile("s-1", Saved("s-1", "").FilePath, "saved while no agent ran"), t.Effects);
        Assert.Contains(new AgentEffect.FollowEditor("s-1", Saved("s-1", "").FilePath, Vim), t.Effects);
        var update = Assert.Single(t.Sent().OfType<ClientMessage.CodeUpdate>());
        Assert.Equal("saved while no agent ran", update.Code);
        Assert.Equal((SessionPhase.Editing, 4), (t.State.Find("s-1")!.Phase, t.State.Find("s-1")!.SavesSent));
        Assert.Empty(t.Sent().OfType<ClientMessage.SessionClosed>());
    }

    [Fact]
    public void A_session_whose_editor_is_gone_is_sent_its_last_content_and_then_closed_as_editor_exited()
    {
        var t = Resume(new ResumedSession(Saved("s-1", "old", Vim), "final", EditorRunning: false));
        var sent = t.Sent();
        var update = sent.OfType<ClientMessage.CodeUpdate>().Single();
        var closed = sent.OfType<ClientMessage.SessionClosed>().Single();
        Assert.Equal(("final", "editor_exited"), (update.Code, closed.Reason));
        Assert.True(sent.IndexOf(update) < sent.IndexOf(closed));
        Assert.Null(t.State.Find("s-1"));
        Assert.DoesNotContain(t.Effects, e => e is AgentEffect.FollowEditor);
    }

    [Fact]
    public void A_session_whose_file_is_gone_is_closed_and_not_announced()
    {
        var t = Resume(new ResumedSession(Saved("s-1", "old", Vim), null, EditorRunning: true));
        Assert.Empty(t.Sent().OfType<ClientMessage.DesktopConnect>().Single().Sessions);
        Assert.Equal("file_gone", t.Sent().OfType<ClientMessage.SessionClosed>().Single().Reason);
        Assert.Empty(t.State.Sessions);
    }

    [Fact]
    public void A_followed_editor_that_exits_closes_the_session_with_editor_exited()
    {
        var resumed = Resume(new ResumedSession(Saved("s-1", "same", Vim), "same", EditorRunning: true));
        var t = Run(resumed.State, new AgentEvent.EditorExited("s-1", 0, "same", 5_000));
        Assert.Equal("editor_exited", t.Sent().OfType<ClientMessage.SessionClosed>().Single().Reason);
        Assert.Contains(t.Effects, e => e is AgentEffect.DeleteFile);
        Assert.Empty(t.Effects.OfType<AgentEffect.SaveState>().Last().Snapshot.Sessions);
    }
}
