using DiffPlex;
using DiffPlex.Chunkers;

namespace WebDevSync.Core.Merging;

/// <summary>
/// The edits that turn a base text into another, in base order and never touching each other. The
/// common prefix and suffix are cut first (linear, and most live changes are one small region); the
/// rest is diffed char by char with DiffPlex (Myers, deterministic, no clock). A rest larger than
/// <see cref="MaxDiffChars"/> is one hunk: still exact, only coarser, and it bounds the diff's
/// quadratic worst case that a hostile client could otherwise ask for on every change.
/// </summary>
internal static class Hunks
{
    public const int MaxDiffChars = 4096;

    public static IReadOnlyList<Hunk> Between(string @base, string other)
    {
        var prefix = CommonPrefix(@base, other);
        var suffix = CommonSuffix(@base, other, prefix);
        var baseEnd = @base.Length - suffix;
        var otherEnd = other.Length - suffix;
        if (baseEnd == prefix && otherEnd == prefix) return [];
        var from = @base[prefix..baseEnd];
        var to = other[prefix..otherEnd];
        if (from.Length == 0 || to.Length == 0 || from.Length + to.Length > MaxDiffChars) return [new Hunk(prefix, baseEnd, to)];
        var diff = Differ.Instance.CreateDiffs(from, to, ignoreWhiteSpace: false, ignoreCase: false, CharacterChunker.Instance);
        return diff.DiffBlocks
            .Select(b => new Hunk(prefix + b.DeleteStartA, prefix + b.DeleteStartA + b.DeleteCountA, to.Substring(b.InsertStartB, b.InsertCountB)))
            .ToList();
    }

    /// <summary>Common leading chars, not ending inside a surrogate pair.</summary>
    private static int CommonPrefix(string a, string b)
    {
        var n = a.AsSpan().CommonPrefixLength(b);
        return n > 0 && char.IsHighSurrogate(a[n - 1]) ? n - 1 : n;
    }

    /// <summary>Common trailing chars that do not reach into the prefix, not starting inside a surrogate pair.</summary>
    private static int CommonSuffix(string a, string b, int prefix)
    {
        var max = Math.Min(a.Length, b.Length) - prefix;
        var n = 0;
        while (n < max && a[a.Length - 1 - n] == b[b.Length - 1 - n]) n++;
        return n > 0 && char.IsLowSurrogate(a[a.Length - n]) ? n - 1 : n;
    }
}
