namespace WebDevSync.Core.Merging;

/// <summary>What a three-way merge of two concurrent changes gives: the merged text, or a refusal.</summary>
public abstract record MergeOutcome
{
    private MergeOutcome() { }

    /// <summary>Both changes applied in full.</summary>
    public sealed record Merged(string Text) : MergeOutcome;

    /// <summary>The changes overlap or touch: neither is applied, nothing is half-merged.</summary>
    public sealed record Overlap : MergeOutcome;
}
