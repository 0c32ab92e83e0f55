using System.Collections.Immutable;

namespace WebDevSync.Agent.Live;

/// <summary>
/// The page's new text as a replacement of whole lines <c>First..Last</c> (exclusive end, 0-based)
/// by <c>Lines</c>, plus where the character-level change ran (<c>From</c>..<c>To</c> in the old
/// buffer) and where it ends in the new one (<c>NewEnd</c>), so cursors can be carried along.
/// </summary>
public sealed record LineChange(int First, int Last, ImmutableArray<string> Lines, BufferPosition From, BufferPosition To, BufferPosition NewEnd)
{
    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/>, or null when they are the same.</summary>
    public static LineChange? Between(ImmutableArray<string> before, ImmutableArray<string> after)
    {
        var oldBody = string.Join('\n', before);
        var newBody = string.Join('\n', after);
        var edit = TextEdit.Between(oldBody, newBody);
        if (edit.IsEmpty) return null;
        var from = TextEdit.PositionOf(oldBody, edit.Start);
        var to = TextEdit.PositionOf(oldBody, edit.Start + edit.OldLength);
        var newEnd = TextEdit.PositionOf(newBody, edit.Start + edit.Inserted.Length);
        var unchangedBelow = before.Length - 1 - to.Line;
        var lines = after[from.Line..(after.Length - unchangedBelow)];
        return new LineChange(from.Line, to.Line + 1, lines, from, to, newEnd);
    }

    /// <summary>The arguments of the guarded Lua function, in its order.</summary>
    public object?[] Arguments(long buffer, long tick) =>
        [buffer, tick, First, Last, Lines.ToArray(), From.Line, From.ByteColumn, To.Line, To.ByteColumn, NewEnd.Line, NewEnd.ByteColumn];
}
