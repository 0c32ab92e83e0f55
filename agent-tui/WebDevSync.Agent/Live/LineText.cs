using System.Collections.Immutable;

namespace WebDevSync.Agent.Live;

/// <summary>
/// A text as an editor holds it: lines without their breaks, plus the two facts the lines lose — the
/// line break the text uses (<c>\n</c> or <c>\r\n</c>) and whether it ends with one. Vim and Neovim
/// show <c>"a\nb\n"</c> as the lines <c>["a","b"]</c>; joining them back must give the same text, or
/// every keystroke would also add or drop a final newline at the page.
/// </summary>
public sealed record LineText(ImmutableArray<string> Lines, string Break, bool FinalBreak)
{
    public static LineText Of(string text)
    {
        var crlf = text.Contains("\r\n", StringComparison.Ordinal);
        var lineBreak = crlf ? "\r\n" : "\n";
        var final = text.EndsWith(lineBreak, StringComparison.Ordinal);
        var body = final ? text[..^lineBreak.Length] : text;
        return new LineText([.. body.Split(lineBreak)], lineBreak, final);
    }

    /// <summary>The same text with other lines (from the editor), keeping this text's break and final break.</summary>
    public LineText WithLines(IEnumerable<string> lines) => this with { Lines = [.. lines] };

    public string Text => string.Join(Break, Lines) + (FinalBreak ? Break : "");

    /// <summary>The lines joined by <c>\n</c> (no final break): the text the editor's buffer holds.</summary>
    public string Body => string.Join('\n', Lines);
}
