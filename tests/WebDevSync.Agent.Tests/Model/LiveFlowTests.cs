using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

/// <summary>The reducer's live editing and page context, step by step.</summary>
public sealed class LiveFlowTests
{
    private const string Sid = "s-1234567890";

    private static AgentState LiveNvim() =>
        Run(Editing(settings: Settings("nvim {file}")), new AgentEvent.LiveAttached(Sid, "nvim", 2_200)).State;

    [Fact]
    public void Nvim_and_vim_are_launched_linked_live_and_other_editors_or_no_live_are_not()
    {
        var nvim = Assert.Single(Run(Connected(Settings("nvim {file}")), Receive(Request())).Effects.OfType<AgentEffect.LaunchEditor>());
        Assert.Equal(LiveEditor.Nvim, nvim.Live!.Editor);
        Assert.Equal(["nvim", "--listen", nvim.Live.SocketPath, "--cmd", PageTextIsData.VimCommand(nvim.Path), nvim.Path], nvim.Plan.Argv);
        var vim = Assert.Single(Run(Connected(Settings("vim {file}")), Receive(Request())).Effects.OfType<AgentEffect.LaunchEditor>());
        Assert.Equal(["vim", "-S", vim.Live!.ScriptPath!, "--cmd", PageTextIsData.VimCommand(vim.Path), vim.Path], vim.Plan.Argv);
        Assert.Null(Assert.Single(Run(Connected(), Receive(Request())).Effects.OfType<AgentEffect.LaunchEditor>()).Live);
        var off = Settings("nvim {file}") with { LiveEditing = false };
        Assert.Null(Assert.Single(Run(Connected(off), Receive(Request())).Effects.OfType<AgentEffect.LaunchEditor>()).Live);
    }

    [Fact]
    public void The_page_context_names_the_file_and_opens_the_editor_at_the_cursor()
    {
        var page = new PageContext("https://www.example.org/a", "A page", new TextSelection(11, 11));
        var t = Run(Connected(Settings("vim {file}")), Receive(Request(code: "let a = 1;\nlet b = 2;") with { Page = page }));
        var launch = Assert.Single(t.Effects.OfType<AgentEffect.LaunchEditor>());
        Assert.Equal(Path.Combine(TempDir, "example.org-code-1-s1234567.js"), launch.Path);
        Assert.Contains("+call cursor(2, 1)", launch.Plan.Argv);
        Assert.Equal(page, t.State.Find(Sid)!.Page);
        Assert.Contains(t.State.LogText(), l => l.EndsWith("from https://www.example.org/a", StringComparison.Ordinal));
    }

    [Fact]
    public void A_buffer_change_is_sent_at_once_with_the_newest_seq_and_an_ack_raises_it()
    {
        var t = Run(LiveNvim(), new AgentEvent.BufferChanged(Sid, "let a = 12;", 3_000));
        var edits = Assert.IsType<ClientMessage.CodeEdits>(Assert.Single(t.Sent()));
        Assert.Equal(("let a = 12;", 0L), edits.Change("let a = 1;"));
        Assert.Equal(WebDevSync.Core.Editing.TextSum.Of("let a = 12;"), edits.Sum);
        t = Run(t.State, Receive(new ServerMessage.CodeAck(Sid, "code-1", 1)), new AgentEvent.BufferChanged(Sid, "let a = 123;", 3_100));
        Assert.Equal(("let a = 123;", 1L), t.Sent()[^1].Change("let a = 12;"));
    }

    [Fact]
    public void The_live_link_coming_up_leaves_what_the_user_already_typed_in_the_buffer()
    {
        // Found in tmux: typing and :w right after vim appeared, before its channel was up, was erased
        // by the link pushing the text the editor had opened with.
        var t = Run(Editing(settings: Settings("vim {file}")), new AgentEvent.LiveAttached(Sid, "vim", 2_200));
        Assert.Empty(t.Effects.OfType<AgentEffect.ApplyToEditor>());
        Assert.Equal(LiveState.On, t.State.Find(Sid)!.Live);
    }

    [Fact]
    public void A_page_change_that_came_while_the_editor_started_is_applied_when_the_link_comes_up()
    {
        var t = Run(Editing(settings: Settings("vim {file}")), Receive(new ServerMessage.CodeUpdate(Sid, "code-1", "page text", 9)),
            new AgentEvent.LiveAttached(Sid, "vim", 2_200));
        Assert.Contains(new AgentEffect.ApplyToEditor(Sid, "page text"), t.Effects);
    }

    [Fact]
    public void A_page_change_goes_into_the_live_buffer_and_is_not_sent_back()
    {
        var t = Run(LiveNvim(), Receive(new ServerMessage.CodeUpdate(Sid, "code-1", "from the page", 4)),
            new AgentEvent.BufferChanged(Sid, "from the page", 3_000));
        Assert.Contains(new AgentEffect.ApplyToEditor(Sid, "from the page"), t.Effects);
        Assert.Empty(t.Sent());
        Assert.Equal(4, t.State.Find(Sid)!.Seq);
    }

    [Fact]
    public void A_page_change_for_a_save_based_editor_rewrites_the_file_if_it_holds_what_was_sent()
    {
        var t = Run(Editing(), Receive(new ServerMessage.CodeUpdate(Sid, "code-1", "page text", 2)));
        var rewrite = Assert.Single(t.Effects.OfType<AgentEffect.RewriteFile>());
        Assert.Equal(("let a = 1;", "page text"), (rewrite.Expected, rewrite.Content));
        t = Run(t.State, new AgentEvent.PageChangeNotWritten(Sid, "the file holds a save not yet sent", 3_000));
        Assert.Contains(t.State.LogText(), l => l.StartsWith("page_change_not_written", StringComparison.Ordinal));
    }

    [Fact]
    public void An_overtaken_change_adopts_the_relays_text_in_the_buffer()
    {
        var t = Run(LiveNvim(), new AgentEvent.BufferChanged(Sid, "mine", 3_000),
            Receive(new ServerMessage.CodeOvertaken(Sid, "code-1", "theirs", 3)));
        Assert.Contains(new AgentEffect.ApplyToEditor(Sid, "theirs"), t.Effects);
        Assert.Equal(("theirs", 3L), (t.State.Find(Sid)!.Content, t.State.Find(Sid)!.Seq));
    }

    [Fact]
    public void Typing_while_the_link_is_down_is_sent_with_its_base_seq_after_reconnect_and_the_seq_is_announced()
    {
        var s = Run(LiveNvim(), Receive(new ServerMessage.CodeUpdate(Sid, "code-1", "p", 5)), new AgentEvent.EditorApplied(Sid, "p", 2_500),
            new AgentEvent.LinkClosed(1, "lost", null, 0, 3_000), new AgentEvent.BufferChanged(Sid, "typed offline", 3_100)).State;
        Assert.True(s.Find(Sid)!.Unsent);
        var t = Run(s, new AgentEvent.Tick(60_000), new AgentEvent.LinkOpened(2, 60_100));
        var connect = Assert.IsType<ClientMessage.DesktopConnect>(t.Sent()[0]);
        Assert.Equal(5L, Assert.Single(connect.Sessions).Seq);
        var resent = t.Sent().OfType<ClientMessage.CodeUpdate>().Single();
        Assert.Equal(("typed offline", 5L), (resent.Code, resent.BaseSeq));
    }

    [Fact]
    public void Typing_from_before_a_page_change_reached_the_buffer_is_based_on_the_older_seq_so_the_relay_overtakes_it()
    {
        var t = Run(LiveNvim(), Receive(new ServerMessage.CodeUpdate(Sid, "code-1", "page", 4)), new AgentEvent.BufferChanged(Sid, "typed before", 3_000));
        Assert.Equal(0L, ((ClientMessage.CodeUpdate)t.Sent()[^1]).BaseSeq);
        t = Run(t.State, Receive(new ServerMessage.CodeOvertaken(Sid, "code-1", "page", 4)), new AgentEvent.EditorApplied(Sid, "page", 3_100),
            new AgentEvent.BufferChanged(Sid, "page typed after", 3_200));
        Assert.Equal(("page typed after", 4L), t.Sent()[^1].Change("page"));
    }

    [Fact]
    public void A_merged_change_puts_the_merged_text_in_the_buffer_and_the_next_change_builds_on_its_seq()
    {
        var t = Run(LiveNvim(), new AgentEvent.BufferChanged(Sid, "mine\n", 3_000),
            Receive(new ServerMessage.CodeMerged(Sid, "code-1", "page\nmine\n", 3)), new AgentEvent.EditorApplied(Sid, "page\nmine\n", 3_100),
            new AgentEvent.BufferChanged(Sid, "page\nmine\nmore\n", 3_200));
        Assert.Contains(new AgentEffect.ApplyToEditor(Sid, "page\nmine\n"), t.Effects);
        Assert.Equal(("page\nmine\nmore\n", 3L), t.Sent()[^1].Change("page\nmine\n"));
    }

    [Fact]
    public void The_pages_edits_go_into_the_buffer_and_edits_for_a_text_this_copy_does_not_hold_ask_for_the_whole_text()
    {
        var sum = WebDevSync.Core.Editing.TextSum.Of("let a = 10;");
        var t = Run(LiveNvim(), Receive(new ServerMessage.CodeEdits(Sid, "code-1", 0, [new(9, 9, "0")], sum, 1)));
        Assert.Contains(new AgentEffect.ApplyToEditor(Sid, "let a = 10;"), t.Effects);
        Assert.Empty(t.Sent());
        t = Run(t.State, Receive(new ServerMessage.CodeEdits(Sid, "code-1", 0, [new(9, 9, "0")], sum, 2)));
        Assert.Equal(new ClientMessage.CodeRefresh(Claims.None, Sid), Assert.Single(t.Sent()));
        Assert.Empty(t.Effects.OfType<AgentEffect.ApplyToEditor>());
    }

    [Fact]
    public void The_agent_tells_the_relay_it_accepts_code_merged_when_it_connects()
    {
        var t = Run(LiveNvim(), new AgentEvent.LinkClosed(1, "lost", null, 0, 3_000), new AgentEvent.Tick(60_000), new AgentEvent.LinkOpened(2, 60_100));
        Assert.True(Assert.IsType<ClientMessage.DesktopConnect>(t.Sent()[0]).AcceptsMerged);
        Assert.True(Assert.IsType<ClientMessage.DesktopConnect>(t.Sent()[0]).AcceptsEdits);
    }

    [Fact]
    public void When_the_live_link_ends_the_session_carries_on_save_based()
    {
        var t = Run(LiveNvim(), new AgentEvent.LiveEnded(Sid, "nvim quit", 3_000), Receive(new ServerMessage.CodeUpdate(Sid, "code-1", "x", 2)));
        Assert.Single(t.Effects.OfType<AgentEffect.RewriteFile>());
        Assert.Equal(LiveState.Off, t.State.Find(Sid)!.Live);
    }

    [Fact]
    public void The_screen_shows_host_and_title_with_control_characters_escaped()
    {
        Assert.Equal("example.org — A ?31mred title", WebDevSync.Agent.Views.ViewModel.PageOf(new PageContext("https://example.org/x", "A \u009b31mred title", null)));
        Assert.Equal("", WebDevSync.Agent.Views.ViewModel.PageOf(null));
        Assert.Equal("localhost:5173", WebDevSync.Agent.Views.ViewModel.PageOf(new PageContext("http://localhost:5173/", null, null)));
    }
}
