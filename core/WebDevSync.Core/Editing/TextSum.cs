namespace WebDevSync.Core.Editing;

/// <summary>
/// The checksum that travels with a change sent as edits: the result's length in UTF-16 code units and
/// a cheap hash of it, <c>h = h * 31 + c</c> over the code units, modulo 2^32 (Java's
/// <c>String.hashCode</c> as an unsigned number; a few lines in any language). It is not a defence: a
/// side whose text drifted finds out and asks for a full copy instead of silently diverging. The hash
/// composes (<see cref="Concat"/>), so a text held in chunks is summed without reading it again.
/// </summary>
public readonly record struct TextSum(int Length, uint Hash)
{
    public const uint Base = 31;

    public static readonly TextSum Empty = new(0, 0);

    public static TextSum Of(string text) => Of(text.AsSpan());

    public static TextSum Of(ReadOnlySpan<char> text)
    {
        uint h = 0;
        foreach (var c in text) h = unchecked(h * Base + c);
        return new(text.Length, h);
    }

    /// <summary>The sum of this text followed by <paramref name="next"/>.</summary>
    public TextSum Concat(TextSum next) => new(Length + next.Length, unchecked(Hash * Power(next.Length) + next.Hash));

    /// <summary><see cref="Base"/> to the power <paramref name="n"/>, modulo 2^32.</summary>
    public static uint Power(int n)
    {
        uint result = 1, b = Base;
        for (var e = (uint)n; e > 0; e >>= 1)
        {
            if ((e & 1) != 0) result = unchecked(result * b);
            b = unchecked(b * b);
        }
        return result;
    }
}
