using WebDevSync.Agent.Live.Nvim;

namespace WebDevSync.Agent.Tests.Live;

/// <summary>Real Neovim in tmux, linked over its --listen socket: typing is reported unsaved, the page's text goes in.</summary>
public sealed class NvimLiveTests
{
    private static readonly TimeSpan Throttle = TimeSpan.FromMilliseconds(10);

    private static (EditorInTmux Editor, string Socket) Start(string text)
    {
        Tmux.Require("tmux", "nvim");
        string socket = "";
        var editor = EditorInTmux.Start("code.js", text, file =>
        {
            socket = Path.Combine(Path.GetDirectoryName(file)!, "nvim.sock");
            return ["nvim", "--clean", "-n", "--listen", socket, file];
        });
        return (editor, socket);
    }

    /// <summary>Links to the buffer once nvim shows it (keys typed before its screen is up would be lost).</summary>
    private static async Task<NvimLive> AttachAsync(EditorInTmux editor, string socket, string text)
    {
        var firstLine = text.Split('\n')[0];
        await editor.WaitForScreenAsync(s => s.StartsWith(firstLine, StringComparison.Ordinal), "nvim to show the file");
        return await NvimLive.AttachAsync(socket, editor.File, text, editor.Reported.Enqueue, Throttle, Timeouts.Wait, CancellationToken.None);
    }

    private static async Task<object?> EvalAsync(string socket, string expression)
    {
        await using var rpc = await NvimRpc.ConnectAsync(socket, (_, _) => { }, CancellationToken.None);
        var result = await rpc.CallAsync("nvim_eval", expression);
        Assert.True(result.Ok, result.Error);
        return result.Value;
    }

    [Fact]
    public async Task Typing_without_saving_is_reported_with_the_files_final_newline()
    {
        var (editor, socket) = Start("let a = 1\n");
        using var _ = editor;
        await using var live = await AttachAsync(editor, socket, "let a = 1\n");

        editor.Type("Oconst b = 2");
        await editor.WaitForReportAsync("const b = 2\nlet a = 1\n");
        Assert.Equal("let a = 1\n", File.ReadAllText(editor.File));
    }

    [Fact]
    public async Task A_page_change_reaches_the_buffer_is_not_echoed_and_keeps_the_cursor_on_its_text()
    {
        var (editor, socket) = Start("one\ntwo\nthree\n");
        using var _ = editor;
        await using var live = await AttachAsync(editor, socket, "one\ntwo\nthree\n");
        editor.Keys("G"); // cursor on "three"
        await Poll.UntilAsync(() => EvalAsync(socket, "line('.')").Result is 3L, "the cursor on line 3");

        Assert.True(await live.ApplyAsync("zero\none\ntwo\nthree\n"));
        await editor.WaitForScreenAsync(s => s.StartsWith("zero\none", StringComparison.Ordinal), "the page's new first line in nvim");
        Assert.Equal(4L, await EvalAsync(socket, "line('.')"));
        await Task.Delay(100);
        Assert.Empty(editor.Reported);
        // The buffer was unmodified, so it stays so: the file holds the page's text and :q just works.
        Assert.Equal(0L, await EvalAsync(socket, "&modified"));
        Assert.Equal("zero\none\ntwo\nthree\n", File.ReadAllText(editor.File));
    }

    [Fact]
    public async Task A_page_change_into_a_modified_buffer_changes_only_the_differing_part_and_undo_takes_it_back()
    {
        var (editor, socket) = Start("alpha beta\n");
        using var _ = editor;
        await using var live = await AttachAsync(editor, socket, "alpha beta\n");
        editor.Type("A gamma");
        editor.Keys("Escape");
        await editor.WaitForReportAsync("alpha beta gamma\n");

        Assert.True(await live.ApplyAsync("ALPHA beta gamma\n"));
        await editor.WaitForScreenAsync(s => s.StartsWith("ALPHA beta gamma", StringComparison.Ordinal), "the page's change in nvim");
        Assert.Equal("alpha beta\n", File.ReadAllText(editor.File)); // modified before: nothing written behind the user's back

        var before = editor.Reported.Count;
        editor.Keys("u"); // the page's change is an undo step of its own: the user's " gamma" stays
        await editor.WaitForScreenAsync(s => s.StartsWith("alpha beta gamma", StringComparison.Ordinal), "undo to take the page's change back");
        await Poll.UntilAsync(() => editor.Reported.Skip(before).Contains("alpha beta gamma\n"), "the undone text to be reported");
    }

    [Fact]
    public async Task Many_keystrokes_while_the_page_changes_converge_on_one_text()
    {
        var (editor, socket) = Start("x\n");
        using var _ = editor;
        await using var live = await AttachAsync(editor, socket, "x\n");
        editor.Type("A1234567890");
        var applied = live.ApplyAsync("page\nx\n");
        editor.Type("abc");
        Assert.True(await applied);
        editor.Keys("Escape");
        // Converged: the buffer is what the agent last reported, or the page's text itself, which is never
        // reported back (no echo). The second happens when all the typing fell in one throttle window and
        // the page's change landed over it before the window's report was read.
        await Poll.UntilAsync(() => Body(socket) + "\n" is var buffer && (editor.Reported.LastOrDefault() == buffer || buffer == "page\nx\n"),
            $"the last report to be the buffer, or the buffer the page's text; reported: {string.Join(" | ", editor.Reported.Select(EditorInTmux.Show))}; buffer: {EditorInTmux.Show(Body(socket))}");
        Assert.Contains("page", Body(socket));
    }

    private static string Body(string socket) => string.Join('\n', ((object?[])EvalAsync(socket, "getline(1, '$')").Result!).Cast<string>());

    [Fact]
    public async Task Quitting_nvim_ends_the_link()
    {
        var (editor, socket) = Start("bye\n");
        using var _ = editor;
        await using var live = await AttachAsync(editor, socket, "bye\n");
        editor.Ex("q");
        var ended = await Task.WhenAny(live.Completion, Task.Delay(Timeouts.Wait));
        Assert.Same(live.Completion, ended);
        Assert.False(await live.ApplyAsync("too late"));
    }
}
