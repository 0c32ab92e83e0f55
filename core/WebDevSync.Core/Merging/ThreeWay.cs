using System.Text;

namespace WebDevSync.Core.Merging;

/// <summary>
/// The three-way merge of two changes made concurrently to one base text (docs/ARCHITECTURE.md,
/// "Concurrent changes"). Each side's edits are diffed from the base into hunks (<see cref="Hunks"/>);
/// if no hunk of one side overlaps or touches a hunk of the other, all are applied to the base at the
/// places the diff found, in base order; otherwise the merge is refused. No fuzzy placement: a hunk is
/// applied exactly where it was diffed or not at all. The result does not depend on which side is which.
/// </summary>
public static class ThreeWay
{
    public static MergeOutcome Merge(string @base, string mine, string theirs)
    {
        if (mine == theirs || theirs == @base) return new MergeOutcome.Merged(mine);
        if (mine == @base) return new MergeOutcome.Merged(theirs);
        var ours = Hunks.Between(@base, mine);
        var other = Hunks.Between(@base, theirs);
        if (AnyMeet(ours, other)) return new MergeOutcome.Overlap();
        return new MergeOutcome.Merged(Apply(@base, ours.Concat(other).OrderBy(h => h.Start)));
    }

    /// <summary>One pass over both lists, each in base order: a hunk wholly before the other's current one cannot meet any later one.</summary>
    private static bool AnyMeet(IReadOnlyList<Hunk> a, IReadOnlyList<Hunk> b)
    {
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            if (a[i].Meets(b[j])) return true;
            if (a[i].End < b[j].Start) i++;
            else j++;
        }
        return false;
    }

    private static string Apply(string @base, IEnumerable<Hunk> hunks)
    {
        var text = new StringBuilder(@base.Length);
        var at = 0;
        foreach (var h in hunks)
        {
            text.Append(@base, at, h.Start - at).Append(h.Replacement);
            at = h.End;
        }
        return text.Append(@base, at, @base.Length - at).ToString();
    }
}
