using System.Globalization;
using WebDevSync.Tests.Properties;
using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

/// <summary>No control or format character of a peer's text reaches the screen or the log (issue 22 item 7).</summary>
public sealed class ShownTextProperties
{
    private static bool Clean(string text) =>
        text.EnumerateRunes().All(r => Rune.GetUnicodeCategory(r) is not (UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)) && !text.Contains('\uFFFD');

    [Property(Cases.Standard)]
    public bool Shown_text_holds_no_control_format_or_lone_surrogate(string? text) =>
        Clean(ShownText.Of(text)) && ShownText.Of(text).Length == (text ?? "").Length;

    [Theory]
    [InlineData("\u202A\u202B\u202C\u202D\u202E")]
    [InlineData("\u2066\u2067\u2068\u2069")]
    [InlineData("\u200E\u200F\u061C\u200B\u2060\uFEFF\u00AD")]
    [InlineData("\u2028\u2029\u009B\u001B")]
    public void Every_bidi_and_format_control_is_replaced(string controls) =>
        Assert.Equal(new string('_', controls.Length), ShownText.Of(controls));

    [Fact]
    public void A_lone_surrogate_is_replaced_and_a_pair_kept()
    {
        // Not in InlineData: xunit's serialisation of test cases mangles lone surrogates.
        Assert.Equal("a_b_", ShownText.Of("a\uD800b\uDC00"));
        Assert.Equal("\uD83C\uDF89", ShownText.Of("\uD83C\uDF89"));
    }

    [Fact]
    public void Letters_of_every_script_and_emoji_stay()
    {
        const string text = "Grüße — שלום عربي 日本語 🎉";
        Assert.Equal(text, ShownText.Of(text));
    }

    [Fact]
    public void The_screen_shows_no_bidi_control_from_a_request()
    {
        const string bidi = "\u202Egnp.exe\u2066";
        var request = Request(textarea: $"code{bidi}") with { Page = new PageContext("https://example.org/", $"Title{bidi}", null) };
        var state = Run(Connected(), Receive(request), Receive(new ServerMessage.SessionClosed("other", "t", $"why{bidi}"))).State;
        var vm = WebDevSync.Agent.Views.ViewModel.From(state, TimeZoneInfo.Utc);

        var shown = string.Concat(vm.Rows.SelectMany(r => (string[])[r.TextareaId, r.Page, r.File])) + string.Concat(vm.Log.Select(l => l.Text));
        Assert.DoesNotContain('\u202E', shown);
        Assert.DoesNotContain('\u2066', shown);
        Assert.Contains("code_gnp.exe_", shown);
    }
}
