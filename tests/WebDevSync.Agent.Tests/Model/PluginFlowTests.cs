using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

/// <summary>The reducer with <c>--editor ghosttext[:PORT]</c>: a session is a field in an editor's GhostText plugin.</summary>
public sealed class PluginFlowTests
{
    private const string Sid = "s-1234567890";

    private static AgentSettings GhostText(string template = "ghosttext:4010") => Settings(template);

    private static AgentState Attached() =>
        Run(Connected(GhostText()), Receive(Request()), new AgentEvent.EditorStarted(Sid, "ghosttext (localhost:4010)", 2_100),
            new AgentEvent.LiveAttached(Sid, "GhostText plugin on localhost:4010", 2_100)).State;

    [Fact]
    public void A_request_opens_a_field_in_the_plugin_with_the_page_title_url_type_text_and_cursor_and_starts_no_process()
    {
        var page = new PageContext("https://www.example.org/a", "A page", new TextSelection(4, 6));
        var t = Run(Connected(GhostText()), Receive(Request(code: "let a = 1;") with { Page = page }));
        Assert.Empty(t.Effects.OfType<AgentEffect.LaunchEditor>());
        var open = Assert.Single(t.Effects.OfType<AgentEffect.OpenGhostText>());
        Assert.Equal((Sid, 4010), (open.SessionId, open.Port));
        Assert.Equal(new GhostTextField("A page", "https://www.example.org/a", "js", "let a = 1;", new TextSelection(4, 6)), open.Field);
        var x = t.State.Find(Sid)!;
        Assert.Equal((EditorKind.Plugin, LiveState.Waiting, 1), (x.Kind, x.Live, x.RunningEditors));
        Assert.Contains(t.State.LogText(), l => l.Contains("ghosttext_connecting", StringComparison.Ordinal) && l.EndsWith("localhost:4010", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_page_context_the_field_is_named_after_the_textarea_and_the_cursor_is_at_the_top()
    {
        var open = Assert.Single(Run(Connected(GhostText("ghosttext")), Receive(Request())).Effects.OfType<AgentEffect.OpenGhostText>());
        Assert.Equal(4001, open.Port);
        Assert.Equal(("code-1 (WebDevSync)", "", new TextSelection(0, 0)), (open.Field.Title, open.Field.Url, open.Field.Selection));
    }

    [Fact]
    public void A_cursor_beyond_the_text_is_clamped_to_it()
    {
        var page = new PageContext(null, null, new TextSelection(50, -3));
        var open = Assert.Single(Run(Connected(GhostText()), Receive(Request(code: "abc") with { Page = page })).Effects.OfType<AgentEffect.OpenGhostText>());
        Assert.Equal(new TextSelection(3, 3), open.Field.Selection);
    }

    [Fact]
    public void Typing_in_the_editor_goes_out_live_and_a_page_change_goes_into_the_field()
    {
        var t = Run(Attached(), new AgentEvent.BufferChanged(Sid, "let a = 12;", 3_000));
        Assert.Equal(0L, Assert.Single(t.Sent()).Change("let a = 1;").BaseSeq);
        t = Run(t.State, Receive(new ServerMessage.CodeUpdate(Sid, "code-1", "let a = 12; // page", 2), 3_100));
        Assert.Equal("let a = 12; // page", Assert.Single(t.Effects.OfType<AgentEffect.ApplyToEditor>()).Content);
        Assert.Empty(t.Effects.OfType<AgentEffect.RewriteFile>());
    }

    [Fact]
    public void No_plugin_on_the_port_closes_the_session_with_editor_failed_and_the_log_names_the_port()
    {
        var t = Run(Connected(GhostText()), Receive(Request()),
            new AgentEvent.EditorFailed(Sid, "no GhostText plugin answers on localhost:4010 (Connection refused)", 2_100));
        var closed = Assert.IsType<ClientMessage.SessionClosed>(Assert.Single(t.Sent()));
        Assert.Equal("editor_failed", closed.Reason);
        Assert.Contains(t.State.LogText(), l => l.StartsWith("editor_failed", StringComparison.Ordinal) && l.Contains("localhost:4010", StringComparison.Ordinal));
        Assert.Null(t.State.Find(Sid));
    }

    [Fact]
    public void The_editor_closing_the_field_at_once_ends_the_session_with_editor_exited_rather_than_detaching()
    {
        var t = Run(Attached(), new AgentEvent.EditorExited(Sid, 0, null, 2_200));
        Assert.Equal("editor_exited", Assert.IsType<ClientMessage.SessionClosed>(Assert.Single(t.Sent())).Reason);
        Assert.Null(t.State.Find(Sid));
    }

    [Fact]
    public void Opening_the_session_again_while_its_field_is_open_opens_no_second_field()
    {
        var t = Run(Attached(), new AgentEvent.OpenAgain(3_000));
        Assert.Empty(t.Effects.OfType<AgentEffect.OpenGhostText>());
        Assert.Contains(t.State.LogText(), l => l.StartsWith("ghosttext_already_open", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ghosttext_field_is_live_even_with_no_live_since_the_plugin_has_no_file_to_save()
    {
        var t = Run(Connected(GhostText() with { LiveEditing = false }), Receive(Request()));
        Assert.Single(t.Effects.OfType<AgentEffect.OpenGhostText>());
        Assert.Equal(LiveState.Waiting, t.State.Find(Sid)!.Live);
    }

    [Fact]
    public void When_the_tab_is_gone_the_fields_last_text_is_kept_and_the_field_closes()
    {
        var settings = GhostText() with { KeptDirectory = "/home/alice/.local/state/webdevsync/kept" };
        var attached = Run(Connected(settings), Receive(Request()), new AgentEvent.EditorStarted(Sid, "ghosttext (localhost:4010)", 2_100),
            new AgentEvent.LiveAttached(Sid, "GhostText plugin on localhost:4010", 2_100), new AgentEvent.BufferChanged(Sid, "typed in emacs", 3_000)).State;
        var file = attached.Find(Sid)!.FilePath;

        var t = Run(attached, Receive(new ServerMessage.SessionClosed(Sid, "code-1", "browser_gone"), 4_000));

        var kept = Path.Combine(settings.KeptDirectory!, Path.GetFileName(file));
        Assert.Contains(new AgentEffect.KeepFile(Sid, kept, "typed in emacs"), t.Effects);
        Assert.Contains(new AgentEffect.DeleteFile(Sid, file), t.Effects); // closes the field
        Assert.Null(t.State.Find(Sid));
        Assert.Contains($"session_kept {Sid} browser_gone: the GhostText field's last text is kept in {kept}; the field closes", t.State.LogText());
    }

    [Fact]
    public void A_ghosttext_session_left_by_a_dead_agent_is_closed_without_sending_the_stale_file()
    {
        // The file holds the text the field opened with; the tab has newer live text that it must keep.
        var saved = new PersistedSession(Sid, "code-1", "js", "b-tab", "code-1-s1234567.js", Path.Combine(TempDir, "code-1-s1234567.js"), EditorKind.Plugin, null,
            ContentHash.Of("newer live text"), SentSeq: 3, OpenedAtMs: 500);
        var t = Run(AgentState.Initial(GhostText()), new AgentEvent.Resumed([new ResumedSession(saved, "the text it opened with", EditorRunning: false)], 900),
            new AgentEvent.Started(1_000), new AgentEvent.LinkOpened(1, 1_100));
        Assert.Empty(t.Sent().OfType<ClientMessage.CodeUpdate>());
        Assert.Empty(Assert.Single(t.Sent().OfType<ClientMessage.DesktopConnect>()).Sessions);
        Assert.Equal("editor_exited", Assert.Single(t.Sent().OfType<ClientMessage.SessionClosed>()).Reason);
        Assert.Contains(new AgentEffect.DeleteFile(Sid, saved.FilePath), t.Effects);
        Assert.Null(t.State.Find(Sid));
    }
}
