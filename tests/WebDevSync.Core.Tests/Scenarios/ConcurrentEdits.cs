using FsCheck;
using FsCheck.Fluent;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>One replacement in a base text: chars <see cref="Start"/>..<see cref="End"/> become <see cref="Text"/>.</summary>
public sealed record Edit(int Start, int End, string Text)
{
    public string ApplyTo(string @base) => @base[..Start] + Text + @base[End..];
}

/// <summary>
/// Two edits of one base text made at once, the first before the second in the base. Replacements are
/// drawn from alphabets the base does not use (and differ from each other), so each edit has exactly one
/// place a diff can find and its text can be found again in the result.
/// </summary>
public sealed record ConcurrentEdits(string Base, Edit First, Edit Second, bool FirstIsMine)
{
    public string Mine => (FirstIsMine ? First : Second).ApplyTo(Base);
    public string Theirs => (FirstIsMine ? Second : First).ApplyTo(Base);

    /// <summary>Whether at least one unchanged char lies between the edits.</summary>
    public bool Apart => First.End < Second.Start;

    /// <summary>Both applied: the second first, so the first's offsets still hold.</summary>
    public string Both => First.ApplyTo(Second.ApplyTo(Base));

    private static readonly Gen<string> Plain = Text("abc \n", 0, 12);
    private static readonly Gen<string> Gap = Text("abc \n", 1, 6);
    private static readonly Gen<string> FirstText = Text("XYZ", 1, 5);
    private static readonly Gen<string> SecondText = Text("0123", 1, 5);

    /// <summary>Edits with at least one unchanged char between them.</summary>
    public static Gen<ConcurrentEdits> Disjoint =>
        from left in Plain
        from first in Plain
        from gap in Gap
        from second in Plain
        from right in Plain
        from a in FirstText
        from b in SecondText
        from mine in ArbMap.Default.GeneratorFor<bool>()
        let secondStart = left.Length + first.Length + gap.Length
        select new ConcurrentEdits(left + first + gap + second + right,
            new Edit(left.Length, left.Length + first.Length, a), new Edit(secondStart, secondStart + second.Length, b), mine);

    /// <summary>Edits that share chars of the base, or meet at a point (<paramref name="shared"/> empty).</summary>
    public static Gen<ConcurrentEdits> Overlapping =>
        from left in Plain
        from first in Plain
        from shared in Plain
        from second in Plain
        from right in Plain
        from a in FirstText
        from b in SecondText
        from mine in ArbMap.Default.GeneratorFor<bool>()
        let at = left.Length + first.Length
        select new ConcurrentEdits(left + first + shared + second + right,
            new Edit(left.Length, at + shared.Length, a), new Edit(at, at + shared.Length + second.Length, b), mine);

    private static Gen<string> Text(string alphabet, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)).Select(cs => new string(cs));
}

public static class DisjointEditsArbitrary
{
    public static Arbitrary<ConcurrentEdits> Edits() => Arb.From(ConcurrentEdits.Disjoint);
}

public static class OverlappingEditsArbitrary
{
    public static Arbitrary<ConcurrentEdits> Edits() => Arb.From(ConcurrentEdits.Overlapping);
}

public static class ConcurrentEditsArbitrary
{
    public static Arbitrary<ConcurrentEdits> Edits() => Arb.From(Gen.OneOf(ConcurrentEdits.Disjoint, ConcurrentEdits.Overlapping));
}

/// <summary>Any three short texts, with chars that need surrogate pairs among them.</summary>
public static class AnyTextsArbitrary
{
    public static Arbitrary<string> Texts() => Arb.From(
        Gen.Choose(0, 16).SelectMany(n => Gen.ListOf(Gen.Elements("a", "b", "\n", "é", "😀", "😁"), n)).Select(string.Concat));
}
