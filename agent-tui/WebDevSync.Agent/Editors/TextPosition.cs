using System.Text;

namespace WebDevSync.Agent.Editors;

/// <summary>
/// A cursor in a file as editors count it: 1-based line, 1-based column in characters (UTF-16, as
/// VS Code and most GUI editors count) and 1-based column in UTF-8 bytes (as Vim's <c>cursor()</c> does).
/// </summary>
public sealed record TextPosition(int Line, int Column, int ByteColumn)
{
    public static readonly TextPosition Start = new(1, 1, 1);

    /// <summary>Where UTF-16 offset <paramref name="offset"/> of <paramref name="text"/> lies (clamped to the text).</summary>
    public static TextPosition Of(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        var line = text.AsSpan(0, lineStart).Count('\n') + 1;
        var chars = offset - lineStart;
        return new TextPosition(line, chars + 1, Encoding.UTF8.GetByteCount(text.AsSpan(lineStart, chars)) + 1);
    }
}
