using System.Buffers;
using System.Text;
using System.Text.Unicode;
using WebDevSync.Core.Editing;

namespace WebDevSync.Core.Routing;

/// <summary>
/// A session's code as the router keeps it: as UTF-8 bytes where that is smaller than the .NET string
/// (most code is ASCII: half the memory), else as the string (text mostly outside Latin, where UTF-16
/// is smaller, or short text, where a copy would cost more than it saves). Reading the text back makes a
/// string; the router does so only when it sends held text (a return, an overtaken change) or saves it.
/// Equal when the texts are equal, whichever form each holds.
/// </summary>
internal readonly struct HeldText : IEquatable<HeldText>
{
    /// <summary>
    /// Below this many chars the string is kept as it is: it is already allocated and shared with the
    /// message that brought it, and a copy per change would add to the allocation that sets the relay's
    /// tail latency (docs/PERFORMANCE.md, "What is left", measured with 1 KiB codes). Above it the copy is
    /// rare and the memory it saves is what a byte budget is about.
    /// </summary>
    public const int Utf8FromChars = 16 * 1024;

    private readonly object? _value; // string, byte[] (UTF-8), ChunkedText (a text changed by edits) or null

    private HeldText(object value, long utf8Bytes) => (_value, Utf8Bytes) = (value, utf8Bytes);

    /// <summary>The text's size in UTF-8 bytes, the unit of the byte budgets.</summary>
    public long Utf8Bytes { get; }

    public bool HasText => _value is not null;

    public string? Text => _value switch
    {
        string s => s,
        byte[] b => Encoding.UTF8.GetString(b),
        ChunkedText c => c.ToString(),
        _ => null,
    };

    /// <summary>
    /// The text in chunks, for applying edits to (issue 28): a text that came whole is cut into chunks once,
    /// and texts made by edits stay in chunks, so the next edit costs what it touches.
    /// </summary>
    public ChunkedText? Chunks => _value switch
    {
        ChunkedText c => c,
        null => null,
        _ => ChunkedText.Of(Text!),
    };

    /// <summary>A text made by edits, held in its chunks (UTF-16: edits are counted in it, and the chunks are shared with the texts before).</summary>
    public static HeldText Of(ChunkedText text) => new(text, text.Utf8Bytes);

    public static HeldText Of(string? text)
    {
        if (text is null) return default;
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (text.Length < Utf8FromChars || bytes >= 2L * text.Length) return new(text, bytes);
        // Text with a lone surrogate has no exact UTF-8 form (it would come back as U+FFFD): kept as the string.
        var utf8 = new byte[bytes];
        return Utf8.FromUtf16(text, utf8, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done && written == bytes
            ? new(utf8, bytes)
            : new(text, bytes);
    }

    public bool Equals(HeldText other) => Utf8Bytes == other.Utf8Bytes && (_value, other._value) switch
    {
        (null, null) => true,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        // Sums first: the router's state is compared on every step (ImmutableDictionary.SetItem compares the
        // session it replaces), and a one-char change keeps the length: reading two texts back would cost what
        // the chunks saved.
        (ChunkedText a, ChunkedText b) => ReferenceEquals(a, b) || (a.Sum == b.Sum && string.Equals(a.ToString(), b.ToString(), StringComparison.Ordinal)),
        (null, _) or (_, null) => false,
        _ => string.Equals(Text, other.Text, StringComparison.Ordinal),
    };

    public override bool Equals(object? obj) => obj is HeldText other && Equals(other);

    public override int GetHashCode() => Utf8Bytes.GetHashCode();
}
