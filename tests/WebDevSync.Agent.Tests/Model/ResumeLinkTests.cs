using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

/// <summary>
/// Issue 27: a session resumed after the agent died, whose Vim or Neovim still runs and was linked live,
/// is linked live again (not left save-only), from the paths the state file kept, which are checked.
/// </summary>
public sealed class ResumeLinkTests
{
    private static readonly EditorIdentity Editor = new(4242, 987_654);
    private static readonly string File = Path.Combine(TempDir, "code-1-s-1.js");
    private static readonly PersistedLink VimLink = new(LiveEditor.Vim, Path.Combine(TempDir, ".0123abcd.sock"), Path.Combine(TempDir, ".0123abcd.vim"));

    private static PersistedSession Saved(PersistedLink? link) =>
        new("s-1", "code-1", "js", "b-tab", "code-1-s-1.js", File, EditorKind.Terminal, Editor, ContentHash.Of("text"), SentSeq: 3, OpenedAtMs: 500, Link: link);

    private static AgentTransition Resume(AgentSettings settings, PersistedSession saved, bool editorRunning = true) =>
        Run(AgentState.Initial(settings), new AgentEvent.Resumed([new ResumedSession(saved, "text", editorRunning)], 900));

    [Fact]
    public void A_resumed_session_whose_live_editor_still_runs_is_linked_live_again()
    {
        var t = Resume(Settings(), Saved(VimLink));
        var relink = Assert.Single(t.Effects.OfType<AgentEffect.Relink>());
        Assert.Equal(new LiveLink(LiveEditor.Vim, VimLink.SocketPath, VimLink.ScriptPath, File, "text"), relink.Link);
        Assert.Equal(LiveState.Waiting, t.State.Find("s-1")!.Live);
        Assert.Equal(VimLink, AgentSnapshot.Of(t.State).Sessions.Single().Link); // and kept for the next restart
    }

    [Fact]
    public void No_link_is_made_again_when_the_editor_is_gone_or_live_editing_is_off()
    {
        Assert.DoesNotContain(Resume(Settings(), Saved(VimLink), editorRunning: false).Effects, e => e is AgentEffect.Relink);
        Assert.DoesNotContain(Resume(Settings() with { LiveEditing = false }, Saved(VimLink)).Effects, e => e is AgentEffect.Relink);
        Assert.DoesNotContain(Resume(Settings(), Saved(null)).Effects, e => e is AgentEffect.Relink);
    }

    [Theory]
    [InlineData("/tmp/elsewhere/.0123abcd.sock", TempDir + "/.0123abcd.vim")]
    [InlineData(TempDir + "/../.0123abcd.sock", TempDir + "/.0123abcd.vim")]
    [InlineData(TempDir + "/0123abcd.sock", TempDir + "/.0123abcd.vim")]
    [InlineData(TempDir + "/.0123abcd.sock", "/home/user/.vimrc")]
    [InlineData(TempDir + "/.0123abcd.sock", null)]
    public void A_link_the_state_file_names_outside_the_sessions_directory_or_not_as_the_agent_names_it_is_not_made(string socket, string? script)
    {
        Assert.Null(new PersistedLink(LiveEditor.Vim, socket, script).For(File, "text"));
        Assert.DoesNotContain(Resume(Settings(), Saved(new PersistedLink(LiveEditor.Vim, socket, script))).Effects, e => e is AgentEffect.Relink);
    }

    [Fact]
    public void A_restarted_agent_keeps_the_live_links_socket_and_script_beside_the_sessions_file() =>
        Assert.Equal(["code-1-s-1.js", ".0123abcd.sock", ".0123abcd.vim"], Saved(VimLink).OwnFileNames());
}
