using System.Text;

namespace WebDevSync.Agent.Live;

/// <summary>A position in an editor buffer: 0-based line and 0-based byte column (UTF-8), as Neovim counts.</summary>
public readonly record struct BufferPosition(int Line, int ByteColumn);

/// <summary>
/// The smallest single replacement that turns one buffer body into another: the common prefix and
/// suffix are kept, the middle replaced. Applying the page's text as this one edit (rather than all
/// lines) keeps the user's cursor, marks and folds outside the changed part where they were.
/// </summary>
public sealed record TextEdit(int Start, int OldLength, string Inserted)
{
    public bool IsEmpty => OldLength == 0 && Inserted.Length == 0;

    public static TextEdit Between(string before, string after)
    {
        var max = Math.Min(before.Length, after.Length);
        var prefix = 0;
        while (prefix < max && before[prefix] == after[prefix]) prefix++;
        // Never split a surrogate pair: the edit starts and ends at whole characters.
        if (prefix > 0 && char.IsHighSurrogate(before[prefix - 1])) prefix--;
        var suffix = 0;
        while (suffix < max - prefix && before[^(suffix + 1)] == after[^(suffix + 1)]) suffix++;
        if (suffix > 0 && char.IsLowSurrogate(before[^suffix])) suffix--;
        return new TextEdit(prefix, before.Length - prefix - suffix, after.Substring(prefix, after.Length - prefix - suffix));
    }

    /// <summary>Where a UTF-16 offset of <paramref name="body"/> (lines joined by <c>\n</c>) lies as line and byte column.</summary>
    public static BufferPosition PositionOf(string body, int offset)
    {
        offset = Math.Clamp(offset, 0, body.Length);
        var lineStart = offset == 0 ? 0 : body.LastIndexOf('\n', offset - 1) + 1;
        var line = body.AsSpan(0, lineStart).Count('\n');
        return new BufferPosition(line, Encoding.UTF8.GetByteCount(body.AsSpan(lineStart, offset - lineStart)));
    }

    /// <summary>The UTF-16 offset in <paramref name="body"/> of a line and byte column (clamped to the text).</summary>
    public static int OffsetOf(string body, BufferPosition p)
    {
        var start = 0;
        for (var line = 0; line < p.Line; line++)
        {
            var next = body.IndexOf('\n', start);
            if (next < 0) return body.Length;
            start = next + 1;
        }
        var end = body.IndexOf('\n', start) is var e and >= 0 ? e : body.Length;
        var bytes = 0;
        var i = start;
        while (i < end && bytes < p.ByteColumn)
        {
            var width = char.IsHighSurrogate(body[i]) && i + 1 < end ? 2 : 1;
            bytes += Encoding.UTF8.GetByteCount(body.AsSpan(i, width));
            i += width;
        }
        return i;
    }

    /// <summary>Where an offset of the old text is after this edit: before it stays, after it shifts, inside it goes to the edit's end.</summary>
    public int Map(int offset) =>
        offset <= Start ? offset
        : offset >= Start + OldLength ? offset - OldLength + Inserted.Length
        : Start + Inserted.Length;
}
