using FsCheck;
using FsCheck.Fluent;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>What one side does next in an <see cref="EditingScript"/>.</summary>
public enum EditingMove { Type, Submit, Deliver }

/// <summary>One step: a side types (replaces a span picked by two fractions with <see cref="Text"/>), or a message moves.</summary>
public sealed record EditingStep(bool Tab, EditingMove Move, double From, double Length, string Text)
{
    public long Side => Tab ? EditingSides.Tab : EditingSides.Agent;

    /// <summary>The typed text: chars <see cref="From"/>·n up to that plus <see cref="Length"/>·rest become <see cref="Text"/>.</summary>
    public string TypedInto(string text)
    {
        var start = (int)(From * text.Length);
        var end = start + (int)(Length * (text.Length - start) / 8);
        return text[..start] + Text + text[end..];
    }

    public override string ToString() => $"{(Tab ? "tab" : "agent")} {Move}{(Move == EditingMove.Type ? $" {From:0.00}+{Length:0.00} '{Text}'" : "")}";
}

/// <summary>A document and what both sides do to it, with chars that need surrogate pairs among them; some documents span several chunks.</summary>
public sealed record EditingScript(string Document, EditingStep[] Steps)
{
    private static readonly Gen<string> Chars = Gen.Elements("a", "b", " ", "\n", "é", "😀");

    public static Gen<string> Text(int max) => Gen.Choose(0, max).SelectMany(n => Gen.ListOf(Chars, n)).Select(string.Concat);

    public static Gen<string> Documents =>
        Gen.Frequency((3, Text(40)), (1, Gen.Choose(1500, 3000).SelectMany(n => Gen.ListOf(Chars, n)).Select(string.Concat)));

    private static Gen<EditingStep> Step(Gen<EditingMove> moves) =>
        from tab in ArbMap.Default.GeneratorFor<bool>()
        from move in moves
        from a in Gen.Choose(0, 1000)
        from b in Gen.Choose(0, 1000)
        from text in Text(4)
        select new EditingStep(tab, move, a / 1000.0, b / 1000.0, text);

    /// <summary>Both sides type while messages are in flight, in any order.</summary>
    public static Gen<EditingScript> Concurrent =>
        from doc in Documents
        from steps in Gen.ArrayOf(Step(Gen.Elements(EditingMove.Type, EditingMove.Submit, EditingMove.Deliver)), 40)
        select new EditingScript(doc, steps);

    /// <summary>One change at a time, each delivered before the next: every change is accepted.</summary>
    public static Gen<EditingScript> OneAtATime =>
        from doc in Documents
        from steps in Gen.ArrayOf(Step(Gen.Constant(EditingMove.Type)), 20)
        select new EditingScript(doc, steps);

    public override string ToString() => $"document ({Document.Length} chars) '{(Document.Length > 60 ? Document[..60] + "…" : Document)}'; {string.Join("; ", Steps.Select(s => s.ToString()))}";
}

public static class ConcurrentEditingArbitrary
{
    public static Arbitrary<EditingScript> Scripts() => Arb.From(EditingScript.Concurrent);
}

public static class OneAtATimeEditingArbitrary
{
    public static Arbitrary<EditingScript> Scripts() => Arb.From(EditingScript.OneAtATime);
}
