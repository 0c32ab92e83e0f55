using System.Collections.Immutable;
using WebDevSync.Agent.Views;

namespace WebDevSync.Agent.Tests.Views;

/// <summary>Issue 27: at 120 columns the table cut its last columns. Now every column fits, with the longest values a row can hold.</summary>
public sealed class SessionTableWidthTests
{
    private static readonly SessionRow Longest = new(
        new string('t', 200), new string('p', 48), "example.org-a-very-long-textarea-name-0f8fad5b.javascript", "vim (tmux window wds:a-very-long-textarea-name)",
        "editing live", "08:20:30", "1023.9 KiB", 99999, Selected: false);

    [Theory]
    [InlineData(true, 120)]
    [InlineData(false, 80)]
    public void With_the_longest_values_every_column_fits_the_screen(bool wide, int screen)
    {
        var table = new SessionTable([Longest], wide);
        var widths = Enumerable.Range(0, table.Columns)
            .Select(c => Math.Max(table.ColumnNames[c].Length, table[0, c].ToString()!.Length)).ToList();
        // Two borders and one separator between neighbouring columns.
        Assert.True(widths.Sum() + widths.Count + 1 <= screen, $"{widths.Sum() + widths.Count + 1} columns: {string.Join(", ", widths)}");
        Assert.EndsWith("…", table[0, 0].ToString());
    }
}
