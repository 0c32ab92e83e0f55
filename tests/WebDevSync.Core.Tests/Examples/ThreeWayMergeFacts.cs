using WebDevSync.Core.Merging;

namespace WebDevSync.Core.Tests.Examples;

public class ThreeWayMergeFacts
{
    [Fact]
    public void Typing_on_different_lines_of_a_large_text_merges_without_diffing_it_char_by_char()
    {
        var lines = Enumerable.Range(0, 20_000).Select(i => $"line {i}").ToArray();
        var @base = string.Join('\n', lines);
        var mine = @base.Replace("line 10\n", "line 10 typed here\n");
        var theirs = @base.Replace("line 19990\n", "line 19990 and there\n");
        var merged = Assert.IsType<MergeOutcome.Merged>(ThreeWay.Merge(@base, mine, theirs)).Text;
        Assert.Equal(@base.Replace("line 10\n", "line 10 typed here\n").Replace("line 19990\n", "line 19990 and there\n"), merged);
    }

    [Fact]
    public void Two_inserts_at_the_same_place_are_refused_rather_than_ordered_by_a_rule() =>
        Assert.IsType<MergeOutcome.Overlap>(ThreeWay.Merge("ab", "aXb", "aYb"));

    [Fact]
    public void Both_sides_typing_the_same_text_is_that_text() =>
        Assert.Equal(new MergeOutcome.Merged("aXb"), ThreeWay.Merge("ab", "aXb", "aXb"));

    [Fact]
    public void A_surrogate_pair_is_never_split_by_the_common_prefix() =>
        Assert.Equal(new MergeOutcome.Merged("😁 x y!"), ThreeWay.Merge("😀 x y", "😁 x y", "😀 x y!"));
}
