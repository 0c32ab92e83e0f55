using WebDevSync.Agent.GhostText;
using WebDevSync.Core.Editing;

namespace WebDevSync.Agent.Tests.GhostText;

/// <summary>The bridge's pure flow and GhostText's JSON, without a server.</summary>
public sealed class GhostTextFlowTests
{
    private static readonly GhostTextState New = GhostTextState.New("gt-1", "ghosttext-c", "alice");
    private static GhostTextChange Change(string text, string url = "https://github.com/o/r/issues/1") => new("Issue · GitHub", url, "", text, new TextSelection(1, 1));

    [Fact]
    public void The_first_message_opens_a_session_with_the_pages_context_and_later_ones_are_live_changes()
    {
        var (s, open) = GhostTextFlow.Step(New, new GhostTextInput.FromPage(Change("ab")));
        var request = Assert.IsType<ClientMessage.EditRequest>(Assert.IsType<GhostTextEffect.ToRelay>(Assert.Single(open)).Message);
        Assert.Equal(("ab", "md", "https://github.com/o/r/issues/1", "Issue · GitHub", 1), (request.Code, request.FileType, request.Page!.Url, request.Page.Title, request.Page.Selection!.Start));
        (s, _) = GhostTextFlow.Step(s, new GhostTextInput.FromRelay(new ServerMessage.CodeAck("gt-1", "ghosttext", 3)));
        var (_, change) = GhostTextFlow.Step(s, new GhostTextInput.FromPage(Change("abc")));
        var update = Assert.IsType<ClientMessage.CodeEdits>(Assert.IsType<GhostTextEffect.ToRelay>(Assert.Single(change)).Message);
        Assert.Equal(3L, update.BaseSeq);
        Assert.Equal("abc", EditScript.Apply("ab", update.Edits));
        Assert.Equal(TextSum.Of("abc"), update.Sum);
    }

    [Fact]
    public void The_agents_change_goes_to_the_page_with_the_cursor_after_it_and_the_same_text_is_not_sent_back()
    {
        var (s, _) = GhostTextFlow.Step(New, new GhostTextInput.FromPage(Change("hello world")));
        (s, var effects) = GhostTextFlow.Step(s, new GhostTextInput.FromRelay(new ServerMessage.CodeUpdate("gt-1", "ghosttext", "hello big world", 1)));
        Assert.Equal(new GhostTextEffect.ToPage("hello big world", 10), Assert.Single(effects));
        (_, effects) = GhostTextFlow.Step(s, new GhostTextInput.FromPage(Change("hello big world")));
        Assert.Empty(effects);
    }

    [Fact]
    public void The_session_closing_or_a_refusal_closes_the_page_and_the_page_leaving_closes_the_session()
    {
        var (s, _) = GhostTextFlow.Step(New, new GhostTextInput.FromPage(Change("x")));
        var (closed, effects) = GhostTextFlow.Step(s, new GhostTextInput.FromRelay(new ServerMessage.SessionClosed("gt-1", "ghosttext", "editor_exited")));
        Assert.Equal(new GhostTextEffect.ClosePage("editor_exited"), Assert.Single(effects));
        Assert.Empty(GhostTextFlow.Step(closed, new GhostTextInput.FromPage(Change("y"))).Effects);
        (_, effects) = GhostTextFlow.Step(s, new GhostTextInput.FromRelay(new ServerMessage.Error(ErrorCode.NoDesktop, "No desktop connection found", null, null)));
        Assert.IsType<GhostTextEffect.ClosePage>(Assert.Single(effects));
        (_, effects) = GhostTextFlow.Step(s, new GhostTextInput.PageGone());
        Assert.IsType<ClientMessage.SessionClosed>(Assert.IsType<GhostTextEffect.ToRelay>(Assert.Single(effects)).Message);
    }

    [Fact]
    public void A_url_the_relay_would_refuse_and_control_characters_in_the_title_are_left_out()
    {
        var (_, effects) = GhostTextFlow.Step(New, new GhostTextInput.FromPage(new GhostTextChange("a\u0007b", "not a url", "py", "x", null)));
        var request = (ClientMessage.EditRequest)((GhostTextEffect.ToRelay)effects[0]).Message;
        Assert.Equal((null, "a b", "py"), (request.Page!.Url, request.Page.Title, request.FileType));
    }

    [Theory]
    [InlineData("{\"text\":\"a\",\"selections\":[{\"start\":5,\"end\":9}]}", true)]
    [InlineData("{\"title\":\"t\"}", false)]
    [InlineData("[1]", false)]
    [InlineData("nope", false)]
    public void Messages_are_parsed_as_documented_and_selections_clamped(string json, bool ok)
    {
        var parsed = GhostTextMessages.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal(ok, parsed.IsRight);
        if (ok) Assert.Equal(new TextSelection(1, 1), parsed.IfLeft(() => null!).Selection);
    }

    [Theory]
    [InlineData("localhost:4001", null, true)]
    [InlineData("127.0.0.1:4001", "chrome-extension://abcdef", true)]
    [InlineData("[::1]:4001", "moz-extension://1234", true)]
    [InlineData("localhost:4002", null, false)]
    [InlineData("attacker.example:4001", null, false)]
    [InlineData("localhost:4001", "https://attacker.example", false)]
    [InlineData("localhost:4001", "null", false)]
    [InlineData(null, null, false)]
    public void Only_loopback_hosts_and_extension_origins_pass(string? host, string? origin, bool allowed) =>
        Assert.Equal(allowed, RequestGuard.Problem(host, origin, 4001) is null);
}
