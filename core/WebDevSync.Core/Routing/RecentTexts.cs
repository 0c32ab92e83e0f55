using System.Collections.Immutable;

namespace WebDevSync.Core.Routing;

/// <summary>A session's text as it was at one seq.</summary>
internal readonly record struct PastText(long Seq, HeldText Text);

/// <summary>
/// The texts a session had at its most recent seqs before the current one, oldest first: the bases an
/// overtaken change is merged from (<see cref="Changes"/>). At most <see cref="RouterOptions.MergeWindow"/>
/// of them, counted against the byte budgets with the session's text (<see cref="Session.CodeBytes"/>);
/// the texts are the ones the session held, shared, not copied. Equal when they hold the same texts.
/// </summary>
internal readonly struct RecentTexts : IEquatable<RecentTexts>
{
    private readonly ImmutableArray<PastText> _texts;

    private RecentTexts(ImmutableArray<PastText> texts, long bytes) => (_texts, Bytes) = (texts, bytes);

    public static RecentTexts None => default;

    /// <summary>UTF-8 bytes of the texts kept.</summary>
    public long Bytes { get; }

    public int Count => _texts.IsDefault ? 0 : _texts.Length;

    /// <summary>These and <paramref name="text"/> as seq <paramref name="seq"/>'s, dropping the oldest beyond <paramref name="window"/>.</summary>
    public RecentTexts With(long seq, HeldText text, int window)
    {
        if (window <= 0 || !text.HasText) return None;
        var texts = (_texts.IsDefault ? [] : _texts).Add(new PastText(seq, text));
        if (texts.Length > window) texts = texts.RemoveRange(0, texts.Length - window);
        return new(texts, texts.Sum(t => t.Text.Utf8Bytes));
    }

    /// <summary>The text the session had at <paramref name="seq"/>, if it is still kept.</summary>
    public string? TextAt(long seq) => HeldAt(seq)?.Text;

    /// <summary>The text the session had at <paramref name="seq"/> as held, if it is still kept.</summary>
    public HeldText? HeldAt(long seq)
    {
        if (_texts.IsDefault) return null;
        foreach (var t in _texts)
            if (t.Seq == seq) return t.Text;
        return null;
    }

    public bool Equals(RecentTexts other) => Bytes == other.Bytes && Count == other.Count && (Count == 0 || _texts.SequenceEqual(other._texts));

    public override bool Equals(object? obj) => obj is RecentTexts other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Bytes, Count);
}
