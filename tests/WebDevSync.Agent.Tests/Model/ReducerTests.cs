using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

public sealed class ReducerTests
{
    [Fact]
    public void Start_connects_and_link_open_announces_the_agent_as_desktop()
    {
        var t = Run(AgentState.Initial(Settings()), new AgentEvent.Started(1), new AgentEvent.LinkOpened(1, 2));
        Assert.Contains(new AgentEffect.Connect(1), t.Effects);
        var connect = Assert.IsType<ClientMessage.DesktopConnect>(Assert.Single(t.Sent()));
        Assert.Equal(("d-agent", "alice"), (connect.ConnectionId, connect.UserId));
        Assert.Empty(connect.Sessions);
        Assert.IsType<LinkState.Connected>(t.State.Link);
    }

    [Fact]
    public void An_edit_request_writes_a_sanitised_file_in_the_private_directory_and_launches_the_editor()
    {
        var t = Run(Connected(), Receive(Request("../../etc/passwd", textarea: "../../x y", fileType: "sh;rm")));
        var write = Assert.Single(t.Effects.OfType<AgentEffect.WriteFile>());
        Assert.Equal(Path.Combine(TempDir, "x_y-etcpassw.txt"), write.Path);
        Assert.Equal("let a = 1;", write.Content);
        var launch = Assert.Single(t.Effects.OfType<AgentEffect.LaunchEditor>());
        var plan = Assert.IsType<LaunchPlan.Background>(launch.Plan);
        Assert.Equal(["code", "--wait", write.Path], plan.Argv);
        Assert.Contains($"session_opened ../../etc/passwd {write.Path}", t.State.LogText());
    }

    [Fact]
    public void A_save_sends_the_full_content_and_an_unchanged_save_sends_nothing()
    {
        var t = Run(Editing(), new AgentEvent.FileSaved("s-1234567890", "let a = 2;", 3_000), new AgentEvent.FileSaved("s-1234567890", "let a = 2;", 3_100));
        var update = Assert.IsType<ClientMessage.CodeUpdate>(Assert.Single(t.Sent()));
        Assert.Equal(("s-1234567890", "code-1", "let a = 2;"), (update.SessionId, update.TextareaId, update.Code));
        var session = t.State.Find("s-1234567890")!;
        Assert.Equal((1, 3_000L, 10L), (session.SavesSent, session.LastSyncMs!.Value, session.SizeBytes));
        Assert.Contains("save_unchanged s-1234567890", t.State.LogText());
    }

    [Fact]
    public void Saves_while_disconnected_are_queued_and_the_newest_is_sent_after_the_announce()
    {
        var t = Run(Editing(),
            new AgentEvent.LinkClosed(1, "connection lost", null, 0.5, 3_000),
            new AgentEvent.FileSaved("s-1234567890", "v2", 3_100),
            new AgentEvent.FileSaved("s-1234567890", "v3", 3_200));
        Assert.Empty(t.Sent());
        var waiting = Assert.IsType<LinkState.Waiting>(t.State.Link);
        Assert.Equal(4_000, waiting.RetryAtMs);
        Assert.True(t.State.Find("s-1234567890")!.Unsent);

        var back = Run(t.State, new AgentEvent.Tick(4_000), new AgentEvent.LinkOpened(2, 4_100));
        Assert.Contains(new AgentEffect.Connect(2), back.Effects);
        var sent = back.Sent();
        var announce = Assert.IsType<ClientMessage.DesktopConnect>(sent[0]);
        Assert.Equal(new AnnouncedSession("s-1234567890", "code-1", "js", "b-tab"), Assert.Single(announce.Sessions));
        Assert.Equal("v3", Assert.IsType<ClientMessage.CodeUpdate>(Assert.Single(sent.Skip(1))).Code);
        Assert.All(back.Effects.OfType<AgentEffect.Send>(), s => Assert.Equal(2, s.Attempt));
    }

    [Fact]
    public void Events_of_an_old_link_are_ignored()
    {
        var state = Run(Connected(), new AgentEvent.ReconnectNow(2_000)).State;
        var t = Run(state, new AgentEvent.LinkClosed(1, "old", null, 0, 2_100), Receive(Request(), 2_200, attempt: 1));
        Assert.IsType<LinkState.Connecting>(t.State.Link);
        Assert.Empty(t.State.Sessions);
    }

    [Fact]
    public void Close_status_4001_means_replaced_and_stops_reconnecting()
    {
        var t = Run(Connected(), new AgentEvent.LinkClosed(1, "replaced", 4001, 0.5, 2_000), new AgentEvent.Tick(100_000));
        Assert.IsType<LinkState.Stopped>(t.State.Link);
        Assert.DoesNotContain(t.Effects, e => e is AgentEffect.Connect);
    }

    [Fact]
    public void Heartbeat_pings_and_a_missing_pong_drops_the_link()
    {
        var state = Connected();
        var ping = Run(state, new AgentEvent.Tick(1_100 + 15_000));
        Assert.IsType<ClientMessage.Ping>(Assert.Single(ping.Sent()));
        var pong = Run(ping.State, Receive(new ServerMessage.Pong(), 16_200));
        Assert.Null(pong.State.PingSentAtMs);
        var lost = Run(ping.State, new AgentEvent.Tick(1_100 + 30_000));
        Assert.Contains(lost.Effects, e => e is AgentEffect.Disconnect { Reason: "heartbeat timeout" });
        Assert.IsType<LinkState.Waiting>(lost.State.Link);
    }

    [Fact]
    public void Editor_exit_sends_the_final_content_then_session_closed_and_deletes_the_file()
    {
        var t = Run(Editing(), new AgentEvent.EditorExited("s-1234567890", 0, "final", 10_000));
        var sent = t.Sent();
        Assert.Equal("final", Assert.IsType<ClientMessage.CodeUpdate>(sent[0]).Code);
        Assert.Equal("editor_exited", Assert.IsType<ClientMessage.SessionClosed>(sent[1]).Reason);
        Assert.Single(t.Effects.OfType<AgentEffect.DeleteFile>());
        Assert.Empty(t.State.Sessions);
    }

    [Fact]
    public void An_editor_that_cannot_start_closes_the_session_with_editor_failed()
    {
        var t = Run(Connected(), Receive(Request()), new AgentEvent.EditorFailed("s-1234567890", "cannot start 'code': No such file", 2_100));
        Assert.Equal("editor_failed", Assert.IsType<ClientMessage.SessionClosed>(Assert.Single(t.Sent())).Reason);
        Assert.Contains(t.State.LogText(), l => l.StartsWith("editor_failed s-1234567890 cannot start"));
    }

    [Fact]
    public void A_quick_nonzero_exit_is_a_failure_and_a_quick_clean_gui_exit_is_a_detach()
    {
        var failed = Run(Editing(), new AgentEvent.EditorExited("s-1234567890", 127, "let a = 1;", 2_200));
        Assert.Equal("editor_failed", Assert.IsType<ClientMessage.SessionClosed>(Assert.Single(failed.Sent())).Reason);

        var detached = Run(Editing(), new AgentEvent.EditorExited("s-1234567890", 0, "let a = 1;", 2_200));
        Assert.Empty(detached.Sent());
        Assert.Equal(SessionPhase.Detached, detached.State.Find("s-1234567890")!.Phase);
    }

    [Fact]
    public void Session_closed_from_the_server_deletes_the_file_without_answering()
    {
        var t = Run(Editing(), Receive(new ServerMessage.SessionClosed("s-1234567890", "code-1", "closed_by_browser"), 3_000));
        Assert.Empty(t.Sent());
        Assert.Single(t.Effects.OfType<AgentEffect.DeleteFile>());
        Assert.Contains("session_closed s-1234567890 closed_by_browser", t.State.LogText());
    }

    [Fact]
    public void A_request_over_the_size_limit_is_refused_with_too_large()
    {
        var t = Run(Connected(), Receive(Request(code: new string('x', 1001))));
        Assert.Equal("too_large", Assert.IsType<ClientMessage.SessionClosed>(Assert.Single(t.Sent())).Reason);
        Assert.Empty(t.State.Sessions);
        Assert.DoesNotContain(t.Effects, e => e is AgentEffect.WriteFile);
    }

    [Fact]
    public void A_close_while_disconnected_is_sent_after_reconnect()
    {
        var t = Run(Editing(), new AgentEvent.LinkClosed(1, "lost", null, 0, 3_000), new AgentEvent.CloseSelected(3_100),
            new AgentEvent.CloseAnswered(true, 3_200), new AgentEvent.Tick(10_000), new AgentEvent.LinkOpened(2, 10_100));
        var closed = Assert.IsType<ClientMessage.SessionClosed>(t.Sent()[1]);
        Assert.Equal(("s-1234567890", "closed_by_user"), (closed.SessionId, closed.Reason));
        Assert.Empty(t.State.PendingCloses);
    }

    [Fact]
    public void Close_asks_first_and_only_yes_closes_the_session_asked_about()
    {
        var asked = Run(Editing("s-1"), Receive(Request("s-2")), new AgentEvent.CloseSelected(3_000));
        Assert.Equal("s-1", asked.State.ConfirmingClose);
        Assert.Empty(asked.Sent());
        var no = Run(asked.State, new AgentEvent.CloseAnswered(false, 3_100));
        Assert.Null(no.State.ConfirmingClose);
        Assert.Equal(2, no.State.Sessions.Count);
        var yes = Run(asked.State, new AgentEvent.SelectIndex(1, 3_050), new AgentEvent.CloseAnswered(true, 3_100));
        Assert.Equal("s-1", Assert.IsType<ClientMessage.SessionClosed>(Assert.Single(yes.Sent())).SessionId);
        Assert.Equal("s-2", Assert.Single(yes.State.Sessions).Id);
    }

    [Fact]
    public void Quit_closes_every_session_disconnects_and_exits()
    {
        var state = Run(Editing("s-1"), Receive(Request("s-2")), new AgentEvent.EditorStarted("s-2", "code", 2_100)).State;
        var t = Run(state, new AgentEvent.QuitRequested("sigterm", 5_000));
        Assert.Equal(["s-1", "s-2"], t.Sent().OfType<ClientMessage.SessionClosed>().Select(c => c.SessionId));
        Assert.All(t.Sent().OfType<ClientMessage.SessionClosed>(), c => Assert.Equal("agent_exit", c.Reason));
        Assert.Equal(2, t.Effects.OfType<AgentEffect.DeleteFile>().Count());
        Assert.IsType<AgentEffect.Exit>(t.Effects[^1]);
        Assert.IsType<AgentEffect.SaveState>(t.Effects[^2]);
        Assert.Empty(((AgentEffect.SaveState)t.Effects[^2]).Snapshot.Sessions);
        Assert.IsType<AgentEffect.Disconnect>(t.Effects[^3]);
    }

    [Fact]
    public void Inside_tmux_a_terminal_editor_opens_in_a_new_window_and_outside_it_takes_the_terminal()
    {
        var inTmux = Run(Connected(Settings("vim {file}", insideTmux: true)), Receive(Request()));
        Assert.IsType<LaunchPlan.TmuxWindow>(Assert.Single(inTmux.Effects.OfType<AgentEffect.LaunchEditor>()).Plan);
        var plain = Run(Connected(Settings("vim {file}")), Receive(Request()));
        Assert.IsType<LaunchPlan.Foreground>(Assert.Single(plain.Effects.OfType<AgentEffect.LaunchEditor>()).Plan);
    }

    [Fact]
    public void Open_again_launches_another_editor_and_the_session_closes_only_when_the_last_exits()
    {
        var t = Run(Editing(), new AgentEvent.OpenAgain(3_000), new AgentEvent.EditorStarted("s-1234567890", "code", 3_100),
            new AgentEvent.EditorExited("s-1234567890", 0, null, 9_000));
        Assert.Single(t.Effects.OfType<AgentEffect.LaunchEditor>());
        Assert.NotNull(t.State.Find("s-1234567890"));
        var last = Run(t.State, new AgentEvent.EditorExited("s-1234567890", 0, null, 9_500));
        Assert.Equal("editor_exited", Assert.IsType<ClientMessage.SessionClosed>(Assert.Single(last.Sent())).Reason);
    }

    [Theory]
    [InlineData(1, 0.0, 750)]
    [InlineData(1, 0.999, 1_249)]
    [InlineData(2, 0.5, 2_000)]
    [InlineData(5, 0.5, 16_000)]
    [InlineData(6, 0.5, 30_000)]
    [InlineData(60, 0.0, 22_500)]
    [InlineData(60, 0.999, 30_000)]
    public void Backoff_starts_at_one_second_doubles_and_stops_at_thirty(int failures, double jitter, long expected) =>
        Assert.Equal(expected, Backoff.DelayMs(failures, jitter));
}
