using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Agent.Live;
using WebDevSync.Tests.Properties;
using Xunit;

namespace WebDevSync.Agent.Tests.Live;

/// <summary>The pure parts of live editing: texts as lines and back, and the one replacement between two texts.</summary>
public sealed class TextEditProperties
{
    /// <summary>
    /// Texts built from pieces that matter here: line breaks of both kinds, surrogate pairs, multi-byte
    /// letters; and those that use one kind of line break throughout.
    /// </summary>
    public static class Texts
    {
        private static readonly Gen<string> Pieces =
            Gen.ListOf(Gen.Elements("a", "b", "\n", "\r\n", "é", "😀", " ", "xy\n", "")).Select(p => string.Concat(p));

        public static Arbitrary<string> Any() => Pieces.ToArbitrary();

        public static Arbitrary<OneKindOfBreak> WithOneKindOfBreak() =>
            Pieces.Where(t => !t.Contains("\r\n") || !t.Replace("\r\n", "").Contains('\n')).Select(t => new OneKindOfBreak(t)).ToArbitrary();
    }

    /// <summary>A text whose line breaks are all <c>\n</c> or all <c>\r\n</c>.</summary>
    public sealed record OneKindOfBreak(string Text);

    [Property(Cases.Standard, Arbitrary = new[] { typeof(Texts) })]
    public bool A_text_split_into_lines_joins_back_to_itself(OneKindOfBreak t) => LineText.Of(t.Text).Text == t.Text;

    [Property(Cases.Longest, Arbitrary = new[] { typeof(Texts) })]
    public bool The_edit_between_two_texts_turns_one_into_the_other_and_never_splits_a_character(string before, string after)
    {
        var e = TextEdit.Between(before, after);
        var applied = before[..e.Start] + e.Inserted + before[(e.Start + e.OldLength)..];
        var whole = (e.Start == 0 || !char.IsHighSurrogate(before[e.Start - 1]))
                    && (e.Start + e.OldLength == before.Length || !char.IsLowSurrogate(before[e.Start + e.OldLength]));
        return applied == after && whole;
    }

    [Property(Cases.Longest, Arbitrary = new[] { typeof(Texts) })]
    public bool A_line_change_replaces_only_the_lines_that_differ_and_gives_the_new_lines(string beforeText, string afterText)
    {
        var before = LineText.Of(beforeText.Replace("\r", "")).Lines;
        var after = LineText.Of(afterText.Replace("\r", "")).Lines;
        var c = LineChange.Between(before, after);
        if (c is null) return before.SequenceEqual(after);
        var result = before[..c.First].AddRange(c.Lines).AddRange(before[c.Last..]);
        return result.SequenceEqual(after) && c.First == c.From.Line && c.Last == c.To.Line + 1;
    }

    [Theory]
    [InlineData("a\nbé\nc", 4, 1, 3)]   // before "\nc": line 1, after b (1 byte) and é (2 bytes)
    [InlineData("a\nbé\nc", 5, 2, 0)]
    [InlineData("", 0, 0, 0)]
    [InlineData("😀x", 2, 0, 4)]
    public void Positions_count_lines_and_utf8_bytes_and_come_back_to_the_same_offset(string body, int offset, int line, int bytes)
    {
        var p = TextEdit.PositionOf(body, offset);
        Assert.Equal(new BufferPosition(line, bytes), p);
        Assert.Equal(offset, TextEdit.OffsetOf(body, p));
    }

    [Fact]
    public void A_crlf_text_keeps_its_line_break_and_final_break_when_the_editor_reports_new_lines()
    {
        var shape = LineText.Of("one\r\ntwo\r\n");
        Assert.Equal(["one", "two"], shape.Lines.ToArray());
        Assert.Equal("one\r\n2\r\ntwo\r\n", shape.WithLines(["one", "2", "two"]).Text);
        Assert.Equal("no break", LineText.Of("no break").WithLines(["no break"]).Text);
    }
}
