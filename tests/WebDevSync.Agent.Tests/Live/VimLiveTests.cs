using System.Net.Sockets;
using WebDevSync.Agent.Live.Vim;

namespace WebDevSync.Agent.Tests.Live;

/// <summary>Real Vim 9 in tmux with the agent's script (-S) and no vimrc change: typing is reported unsaved, the page's text goes in.</summary>
public sealed class VimLiveTests
{
    private sealed record Linked(EditorInTmux Editor, VimLive Live, Socket Listener) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Live.DisposeAsync();
            Listener.Dispose();
            Editor.Dispose();
        }
    }

    private static async Task<Linked> StartAsync(string text)
    {
        Tmux.Require("tmux", "vim");
        Socket? listener = null;
        var editor = EditorInTmux.Start("page.txt", text, file =>
        {
            var dir = Path.GetDirectoryName(file)!;
            var socket = Path.Combine(dir, "vim.sock");
            listener = VimLive.Listen(socket);
            var script = Path.Combine(dir, "live.vim");
            File.WriteAllText(script, VimScript.Text(socket, file, 10));
            return ["vim", "-N", "-n", "-i", "NONE", "--cmd", "set ttimeout ttimeoutlen=20", "-S", script, file];
        });
        var live = await VimLive.AcceptAsync(listener!, text, editor.Reported.Enqueue, Timeouts.Wait, CancellationToken.None);
        await editor.WaitForScreenAsync(s => s.StartsWith(text.Split('\n')[0], StringComparison.Ordinal), "vim to show the file");
        return new Linked(editor, live, listener!);
    }

    [Fact]
    public async Task Typing_without_saving_is_reported()
    {
        await using var x = await StartAsync("first line\n");
        x.Editor.Type("Onew top line");
        await x.Editor.WaitForReportAsync("new top line\nfirst line\n");
        Assert.Equal("first line\n", File.ReadAllText(x.Editor.File));
    }

    [Fact]
    public async Task A_page_change_reaches_the_unmodified_buffer_is_not_echoed_and_the_file_follows()
    {
        await using var x = await StartAsync("a\nb\nc\n");
        x.Editor.Keys("G");
        Assert.True(await x.Live.ApplyAsync("a\nB changed\nb2\nc\n"));
        await x.Editor.WaitForScreenAsync(s => s.StartsWith("a\nB changed\nb2\nc", StringComparison.Ordinal), "the page's lines in vim");
        await Poll.UntilAsync(() => File.ReadAllText(x.Editor.File) == "a\nB changed\nb2\nc\n", "vim to write the unmodified buffer");
        await Task.Delay(100);
        Assert.Empty(x.Editor.Reported);
        x.Editor.Ex("q"); // not modified: a plain :q works
        await Poll.UntilAsync(() => !x.Editor.Running, "vim to quit on :q");
    }

    [Fact]
    public async Task A_page_change_into_a_modified_buffer_is_its_own_undo_step()
    {
        await using var x = await StartAsync("alpha\n");
        x.Editor.Type("A beta");
        x.Editor.Keys("Escape");
        await x.Editor.WaitForReportAsync("alpha beta\n");
        Assert.True(await x.Live.ApplyAsync("page line\nalpha beta\n"));
        await x.Editor.WaitForScreenAsync(s => s.StartsWith("page line\nalpha beta", StringComparison.Ordinal), "the page's line in vim");
        Assert.Equal("alpha\n", File.ReadAllText(x.Editor.File));
        var before = x.Editor.Reported.Count;
        x.Editor.Keys("u");
        await x.Editor.WaitForScreenAsync(s => s.StartsWith("alpha beta\n~", StringComparison.Ordinal), "undo to take the page's line back");
        await Poll.UntilAsync(() => x.Editor.Reported.Skip(before).Contains("alpha beta\n"), "the undone text to be reported");
    }

    [Fact]
    public async Task Typing_while_the_page_changes_converges_and_wq_saves_it()
    {
        await using var x = await StartAsync("x\n");
        x.Editor.Type("A12345");
        Assert.True(await x.Live.ApplyAsync("from page\nx\n"));
        x.Editor.Type("678");
        x.Editor.Keys("Escape");
        var screen = await x.Editor.WaitForScreenAsync(s => s.Contains("678", StringComparison.Ordinal) && s.Split('\n').Length > 2 && s.Split('\n')[1] == "x", "the page's lines and the later keys in vim");
        var body = string.Join('\n', screen.Split('\n').TakeWhile(l => !l.StartsWith('~')).Where(l => l.Length > 0));
        await Poll.UntilAsync(() => x.Editor.Reported.LastOrDefault() == body + "\n", $"the last report to be the buffer {EditorInTmux.Show(body)}; reported: {string.Join(" | ", x.Editor.Reported.Select(EditorInTmux.Show))}");
        x.Editor.Ex("wq");
        await Poll.UntilAsync(() => !x.Editor.Running, "vim to quit on :wq");
        Assert.Equal(body + "\n", File.ReadAllText(x.Editor.File));
        await x.Live.Completion.WaitAsync(Timeouts.Wait);
    }
}
