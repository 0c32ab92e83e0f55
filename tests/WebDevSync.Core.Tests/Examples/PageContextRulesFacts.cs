namespace WebDevSync.Core.Tests.Examples;

/// <summary>Which page contexts the decoders accept (README "Page context"); the field names come from the caller.</summary>
public class PageContextRulesFacts
{
    [Theory]
    [InlineData("https://app.example.com/snippets/4?tab=2#top")]
    [InlineData("http://localhost:3000/")]
    [InlineData("http://127.0.0.1:8070/web-dev-sync/")]
    [InlineData("https://例え.jp/パス?q=ü")]
    [InlineData("file:///home/dev/page.html")]
    [InlineData("about:blank")]
    [InlineData("about:srcdoc")]
    [InlineData("chrome-extension://abcdef/options.html")]
    public void Urls_a_page_can_have_are_accepted(string url) =>
        Assert.Null(PageContextRules.Problem(new PageContext(url, null, null), 0, "payload."));

    [Theory]
    [InlineData("/relative/path", "payload.url must be an absolute URL")]
    [InlineData("example.com/x", "payload.url must be an absolute URL")]
    [InlineData("1http://x", "payload.url must be an absolute URL")]
    [InlineData("https://x/\r\nInjected: 1", "payload.url must not contain control characters")]
    public void Other_urls_are_refused_with_the_field_named(string url, string problem) =>
        Assert.Equal(problem, PageContextRules.Problem(new PageContext(url, null, null), 0, "payload."));

    [Fact]
    public void A_title_may_hold_any_text_but_control_characters_and_only_up_to_the_limit()
    {
        Assert.Null(PageContextRules.Problem(new PageContext(null, "Snippet 4 · Example — ✓ 🎉", null), 0, ""));
        Assert.Equal("title must not contain control characters", PageContextRules.Problem(new PageContext(null, "a\u001b[31m", null), 0, ""));
        Assert.Null(PageContextRules.Problem(new PageContext(null, "C1 passes (the agent's screen escapes it) \u009b31m", null), 0, ""));
        Assert.Null(PageContextRules.Problem(new PageContext(null, new string('t', PageContextRules.MaxTitleLength), null), 0, ""));
        Assert.Equal("title is longer than 1024 characters", PageContextRules.Problem(new PageContext(null, new string('t', 1025), null), 0, ""));
    }

    [Theory]
    [InlineData(0, 0, 0, null)]
    [InlineData(3, 3, 3, null)]
    [InlineData(1, 2, 3, null)]
    [InlineData(2, 1, 3, "selection.end must not be before selection.start")]
    [InlineData(0, 4, 3, "selection.end is beyond the end of code (3 UTF-16 units)")]
    [InlineData(-1, 0, 3, "selection.start must be a non-negative integer")]
    public void A_selection_lies_within_the_code(int start, int end, int codeLength, string? problem) =>
        Assert.Equal(problem, PageContextRules.Problem(new PageContext(null, null, new TextSelection(start, end)), codeLength, ""));
}
