using System.Collections.Immutable;
using System.Text;

namespace WebDevSync.Core.Editing;

/// <summary>
/// An immutable text held as a list of chunks of at most about <see cref="ChunkChars"/> chars, each with
/// its <see cref="TextSum"/> and UTF-8 size. Applying edits rebuilds only the chunks they touch and
/// shares the rest with the text before (and with the recent texts a session keeps), and the whole
/// text's sum and size come from the chunks': a one-char change to a 1 MiB text costs the relay a few
/// thousand chars of work, not a megabyte (issue 28). Chunks never split a surrogate pair.
/// </summary>
public sealed class ChunkedText
{
    public const int ChunkChars = 2048;

    private readonly ImmutableArray<Chunk> _chunks;

    private ChunkedText(ImmutableArray<Chunk> chunks)
    {
        _chunks = chunks;
        var sum = TextSum.Empty;
        long utf8 = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            sum = new(sum.Length + chunks[i].Sum.Length, unchecked(sum.Hash * chunks[i].Power + chunks[i].Sum.Hash));
            utf8 += chunks[i].Utf8Bytes;
            // A pair whose halves two edits brought to either side of a boundary is 4 bytes, not 3 + 3.
            if (i > 0 && chunks[i - 1].EndsHigh && chunks[i].StartsLow) utf8 -= 2;
        }
        (Sum, Utf8Bytes) = (sum, utf8);
    }

    public static readonly ChunkedText Empty = new([]);

    public TextSum Sum { get; }

    public int Length => Sum.Length;

    /// <summary>How many chunks hold the text (at most 16 more than twice what it needs).</summary>
    public int ChunkCount => _chunks.Length;

    /// <summary>The text's size in UTF-8 bytes (a lone surrogate counts 3, as its replacement character).</summary>
    public long Utf8Bytes { get; }

    public static ChunkedText Of(string text) => new([.. Split(text)]);

    public override string ToString() =>
        string.Create(Length, _chunks, static (span, chunks) =>
        {
            foreach (var c in chunks)
            {
                c.Text.AsSpan().CopyTo(span);
                span = span[c.Text.Length..];
            }
        });

    /// <summary>
    /// <paramref name="edits"/> (sorted, not overlapping: <see cref="EditScript.Problem"/>) applied; null
    /// when an offset is beyond the end or splits a surrogate pair.
    /// </summary>
    public ChunkedText? Apply(IReadOnlyList<TextEdit> edits)
    {
        if (edits.Count == 0) return this;
        if (edits[^1].End > Length) return null;
        var result = ImmutableArray.CreateBuilder<Chunk>(_chunks.Length + 2);
        int ci = 0, chunkStart = 0, ei = 0;
        while (ei < edits.Count)
        {
            // Chunks wholly before the next edit stay as they are (an insert at a boundary goes to the later chunk).
            while (ci < _chunks.Length && chunkStart + _chunks[ci].Sum.Length <= edits[ei].Start && !(ci == _chunks.Length - 1 && edits[ei].Start == Length))
            {
                chunkStart += _chunks[ci].Sum.Length;
                result.Add(_chunks[ci++]);
            }
            // The region: chunks from here up to the one holding the last edit that begins inside it.
            var regionStart = chunkStart;
            var region = new StringBuilder();
            var edited = new List<TextEdit>();
            var regionEnd = chunkStart;
            do
            {
                var e = edits[ei];
                while (ci < _chunks.Length && (regionEnd < e.End || regionEnd <= e.Start))
                {
                    region.Append(_chunks[ci].Text);
                    regionEnd += _chunks[ci++].Text.Length;
                }
                edited.Add(e with { Start = e.Start - regionStart, End = e.End - regionStart });
                ei++;
            } while (ei < edits.Count && edits[ei].Start < regionEnd);
            chunkStart = regionEnd;
            var text = region.ToString();
            if (SplitsPairAtEdge(edited, text, regionStart, result) || SplitsPairAtEnd(edited, text, ci)) return null;
            if (EditScript.Apply(text, edited) is not { } applied) return null;
            result.AddRange(Split(applied));
        }
        while (ci < _chunks.Length) result.Add(_chunks[ci++]);
        // Edits can leave many short chunks (a one-char insert into a full chunk splits it); past twice
        // the chunks the text needs, it is cut again, so a change never costs more than a few times
        // the text's own size in chunks, whatever edits came before.
        var length = 0L;
        foreach (var c in result) length += c.Sum.Length;
        var made = new ChunkedText(result.ToImmutable());
        return result.Count > 16 + 2 * (length / ChunkChars) ? Of(made.ToString()) : made;
    }

    /// <summary>An edit at the region's very start cuts a pair whose first half ends the chunk before it.</summary>
    private static bool SplitsPairAtEdge(List<TextEdit> edits, string region, int regionStart, ImmutableArray<Chunk>.Builder before) =>
        regionStart > 0 && edits[0].Start == 0 && region.Length > 0 && before.Count > 0
        && char.IsHighSurrogate(before[^1].Text[^1]) && char.IsLowSurrogate(region[0]);

    /// <summary>An edit at the region's very end cuts a pair whose second half begins the chunk after it.</summary>
    private bool SplitsPairAtEnd(List<TextEdit> edits, string region, int next) =>
        next < _chunks.Length && edits[^1].End == region.Length && region.Length > 0
        && char.IsHighSurrogate(region[^1]) && char.IsLowSurrogate(_chunks[next].Text[0]);

    private static IEnumerable<Chunk> Split(string text)
    {
        for (var at = 0; at < text.Length;)
        {
            var n = Math.Min(ChunkChars, text.Length - at);
            if (at + n < text.Length && char.IsHighSurrogate(text[at + n - 1]) && char.IsLowSurrogate(text[at + n])) n--;
            if (n == 0) n = 1; // cannot happen with ChunkChars > 1; keeps the loop finite regardless
            yield return new Chunk(at == 0 && n == text.Length ? text : text.Substring(at, n));
            at += n;
        }
    }

    /// <summary>
    /// A chunk with everything a change reads of the chunks it does not touch, so walking them reads
    /// these small objects only, not their strings (at 1 MiB that walk is 512 chunks per keystroke).
    /// </summary>
    private sealed class Chunk(string text)
    {
        public string Text { get; } = text;
        public bool StartsLow { get; } = text.Length > 0 && char.IsLowSurrogate(text[0]);
        public bool EndsHigh { get; } = text.Length > 0 && char.IsHighSurrogate(text[^1]);
        public TextSum Sum { get; } = TextSum.Of(text);
        /// <summary><see cref="TextSum.Base"/> to this chunk's length: what the sum of the text before it is multiplied by.</summary>
        public uint Power { get; } = TextSum.Power(text.Length);
        public long Utf8Bytes { get; } = Encoding.UTF8.GetByteCount(text);
    }
}
