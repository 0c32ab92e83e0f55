using WebDevSync.Core.Merging;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>
/// The three-way merge of concurrent changes (issue 24 §2, <see cref="ThreeWay"/>): edits at different
/// places both survive in base order, edits that overlap or touch are refused whole, and the result
/// depends only on the texts, not on which side sent which.
/// </summary>
public class ThreeWayMergeProperties
{
    [Property(Cases.Standard, Arbitrary = [typeof(DisjointEditsArbitrary)])]
    public void Two_edits_at_different_places_both_survive_in_the_order_of_the_base(ConcurrentEdits e)
    {
        var merged = Assert.IsType<MergeOutcome.Merged>(ThreeWay.Merge(e.Base, e.Mine, e.Theirs)).Text;
        Assert.Equal(e.Both, merged);
        Assert.True(merged.IndexOf(e.First.Text, StringComparison.Ordinal) < merged.IndexOf(e.Second.Text, StringComparison.Ordinal));
    }

    [Property(Cases.Standard, Arbitrary = [typeof(OverlappingEditsArbitrary)])]
    public void Edits_that_overlap_or_touch_are_refused_whole(ConcurrentEdits e) =>
        Assert.IsType<MergeOutcome.Overlap>(ThreeWay.Merge(e.Base, e.Mine, e.Theirs));

    [Property(Cases.Standard, Arbitrary = [typeof(AnyTextsArbitrary)])]
    public void Merging_gives_the_same_outcome_every_time_and_whichever_side_is_mine(string @base, string mine, string theirs)
    {
        var once = ThreeWay.Merge(@base, mine, theirs);
        Assert.Equal(once, ThreeWay.Merge(@base, mine, theirs));
        Assert.Equal(once, ThreeWay.Merge(@base, theirs, mine));
    }

    [Property(Cases.Standard, Arbitrary = [typeof(AnyTextsArbitrary)])]
    public void A_side_that_changed_nothing_takes_the_others_text(string @base, string changed)
    {
        Assert.Equal(new MergeOutcome.Merged(changed), ThreeWay.Merge(@base, changed, @base));
        Assert.Equal(new MergeOutcome.Merged(changed), ThreeWay.Merge(@base, @base, changed));
    }
}
