using System.Collections.Immutable;
using System.Text;
using WebDevSync.Core.Merging;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Editing;

/// <summary>
/// A change as a list of edits: the rules a peer's list must keep (checked before anything is applied,
/// so a hostile list costs no more than reading it), applying a list to a text, and the list that turns
/// one text into another (for sides that only see whole texts: a textarea, vim's channel, GhostText).
/// </summary>
public static class EditScript
{
    /// <summary>What is wrong with <paramref name="edits"/> on their own, naming the field; null when they keep the rules.</summary>
    public static string? Problem(IReadOnlyList<TextEdit> edits, string field = "payload.edits")
    {
        if (edits.Count > Limits.MaxEditsPerChange) return $"{field} has more than {Limits.MaxEditsPerChange} edits";
        var after = 0;
        for (var i = 0; i < edits.Count; i++)
        {
            var e = edits[i];
            if (e.Start < 0 || e.End < e.Start) return $"{field}[{i}] must have 0 <= start <= end";
            if (e.Start < after) return $"{field}[{i}] starts before the end of the edit before it (edits are sorted and do not overlap)";
            after = e.End;
        }
        return null;
    }

    /// <summary>
    /// <paramref name="edits"/> applied to <paramref name="text"/>; null when an offset is beyond its
    /// end or splits a surrogate pair, which means the sender's text was not this one.
    /// </summary>
    public static string? Apply(string text, IReadOnlyList<TextEdit> edits)
    {
        foreach (var e in edits)
            if (e.End > text.Length || SplitsPair(text, e.Start) || SplitsPair(text, e.End)) return null;
        var result = new StringBuilder(text.Length + edits.Sum(e => e.Text.Length - (e.End - e.Start)));
        var at = 0;
        foreach (var e in edits)
        {
            result.Append(text, at, e.Start - at).Append(e.Text);
            at = e.End;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The edits that turn <paramref name="from"/> into <paramref name="to"/> (none when they are equal).</summary>
    public static ImmutableArray<TextEdit> Between(string from, string to)
    {
        // A char diff may cut between the halves of a pair: such a hunk is widened by that half in both
        // texts (where they are equal), and hunks that then meet are joined, so every offset is valid.
        var spans = new List<(int Start, int End, int ToStart, int ToEnd)>();
        var shift = 0; // to's offset minus from's, before the current hunk
        foreach (var h in Hunks.Between(from, to))
        {
            var (start, end) = (h.Start, h.End);
            var (toStart, toEnd) = (start + shift, start + shift + h.Replacement.Length);
            shift += h.Replacement.Length - (h.End - h.Start);
            if (SplitsPair(from, start)) { start--; toStart--; }
            if (SplitsPair(from, end)) { end++; toEnd++; }
            if (spans.Count > 0 && spans[^1].End >= start) spans[^1] = (spans[^1].Start, end, spans[^1].ToStart, toEnd);
            else spans.Add((start, end, toStart, toEnd));
        }
        return [.. spans.Select(x => new TextEdit(x.Start, x.End, to[x.ToStart..x.ToEnd]))];
    }

    /// <summary>Whether offset <paramref name="at"/> falls between the two halves of a surrogate pair.</summary>
    public static bool SplitsPair(string text, int at) =>
        at > 0 && at < text.Length && char.IsHighSurrogate(text[at - 1]) && char.IsLowSurrogate(text[at]);
}
