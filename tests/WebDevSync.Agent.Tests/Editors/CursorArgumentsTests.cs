namespace WebDevSync.Agent.Tests.Editors;

public sealed class CursorArgumentsTests
{
    private const string File = "/tmp/d/github.com-code-1a2b3c4d.js";
    private static readonly TextPosition At = new(3, 5, 6);

    [Theory]
    [InlineData("vim {file}", "vim|+call cursor(3, 6)|" + File)]
    [InlineData("nvim --clean", "nvim|--clean|+call cursor(3, 6)|" + File)]
    [InlineData("vi", "vi|+3|" + File)]
    [InlineData("emacs -nw", "emacs|-nw|+3:5|" + File)]
    [InlineData("emacsclient -t", "emacsclient|-t|+3:5|" + File)]
    [InlineData("nano", "nano|+3,5|" + File)]
    [InlineData("hx", "hx|+3|" + File)]
    [InlineData("kak", "kak|+3:5|" + File)]
    [InlineData("code --wait", "code|--wait|--goto|" + File + ":3:5")]
    [InlineData("subl -w", "subl|-w|" + File + ":3:5")]
    [InlineData("idea --wait", "idea|--wait|--line|3|--column|5|" + File)]
    [InlineData("my-editor", "my-editor|" + File)]
    [InlineData("sh -c 'vim {file}'", "sh|-c|vim " + File)]
    public void Each_known_editor_gets_its_own_form_of_file_at_line_and_column(string template, string expected)
    {
        var argv = EditorCommand.Argv(template, File)!.Value;
        Assert.Equal(expected, string.Join('|', CursorArguments.At(argv, File, At)));
    }

    [Fact]
    public void No_selection_or_the_very_start_leaves_the_command_as_it_was()
    {
        var argv = ImmutableArray.Create("vim", File);
        Assert.Equal(argv, CursorArguments.At(argv, File, null));
        Assert.Equal(argv, CursorArguments.At(argv, File, TextPosition.Start));
    }

    [Theory]
    [InlineData("abc", 0, 1, 1, 1)]
    [InlineData("ab\ncdé\nf", 6, 2, 4, 5)]
    [InlineData("ab\n", 3, 2, 1, 1)]
    [InlineData("x", 99, 1, 2, 2)]
    public void A_utf16_offset_becomes_line_column_and_byte_column(string text, int offset, int line, int col, int bytes) =>
        Assert.Equal(new TextPosition(line, col, bytes), TextPosition.Of(text, offset));

    [Theory]
    [InlineData("https://github.com/o/r/issues/1", "github.com-comment-1a2b3c4d.md")]
    [InlineData("https://www.example.org:8443/x", "example.org_8443-comment-1a2b3c4d.md")]
    [InlineData("http://localhost:5173/", "localhost_5173-comment-1a2b3c4d.md")]
    [InlineData("https://bücher.de/", "xn--bcher-kva.de-comment-1a2b3c4d.md")]
    [InlineData("not a url", "comment-1a2b3c4d.md")]
    [InlineData(null, "comment-1a2b3c4d.md")]
    [InlineData("file:///etc/passwd", "comment-1a2b3c4d.md")]
    public void File_names_start_with_the_pages_host(string? url, string expected) =>
        Assert.Equal(expected, PageFileNames.For(url, "comment", "1a2b3c4d-5555", "md"));
}
