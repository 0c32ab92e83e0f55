using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Agent.Live.Plugin;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Agent.Tests.Live.Plugin;

/// <summary>The pure parts of the GhostText client: the editor template, the plugin's answer to GET /, the cursor across a page change.</summary>
public sealed class GhostTextPureTests
{
    [Theory]
    [InlineData("ghosttext", 4001)]
    [InlineData(" ghosttext ", 4001)]
    [InlineData("GhostText:4002", 4002)]
    [InlineData("ghosttext:65535", 65535)]
    [InlineData("ghosttext:1", 1)]
    public void Ghosttext_and_ghosttext_port_name_the_plugin_port(string template, int port) =>
        Assert.Equal(port, GhostTextEditor.Port(template));

    [Theory]
    [InlineData("ghosttext:0")]
    [InlineData("ghosttext:65536")]
    [InlineData("ghosttext:")]
    [InlineData("ghosttext:40a1")]
    [InlineData("ghosttext:-1")]
    [InlineData("ghosttext:0000004001")]
    public void A_ghosttext_template_with_a_bad_port_names_no_port_and_is_refused_as_configuration(string template)
    {
        Assert.True(GhostTextEditor.Names(template));
        Assert.Null(GhostTextEditor.Port(template));
    }

    [Theory]
    [InlineData("nvim {file}")]
    [InlineData("ghosttextual {file}")]
    [InlineData("code --wait {file}")]
    public void Other_templates_are_not_ghosttext(string template)
    {
        Assert.False(GhostTextEditor.Names(template));
        Assert.Equal(EditorKind.Gui, EditorCommand.Classify(["code", "x"], EditorKindSetting.Auto, hasDisplay: true));
    }

    [Fact]
    public void A_ghosttext_session_is_a_plugin_whatever_the_editor_mode_says() =>
        Assert.Equal(EditorKind.Plugin, EditorCommand.Classify(["ghosttext:4005", "/tmp/x.js"], EditorKindSetting.Terminal, hasDisplay: false));

    [Theory]
    [InlineData("""{"ProtocolVersion":1,"WebSocketPort":64293}""", 64293)]
    [InlineData("""{"WebSocketPort":5000,"ProtocolVersion":1,"extra":[1,2]}""", 5000)]
    public void The_answer_to_get_names_the_websocket_port(string json, int port) =>
        Assert.Equal(port, GhostTextWire.WebSocketPort(System.Text.Encoding.UTF8.GetBytes(json)).Match(p => p, _ => -1));

    [Theory]
    [InlineData("""{"ProtocolVersion":2,"WebSocketPort":64293}""", "ProtocolVersion 1")]
    [InlineData("""{"ProtocolVersion":1}""", "WebSocketPort")]
    [InlineData("""{"ProtocolVersion":1,"WebSocketPort":70000}""", "WebSocketPort")]
    [InlineData("""{"ProtocolVersion":1,"WebSocketPort":"80"}""", "WebSocketPort")]
    [InlineData("""[1]""", "not a JSON object")]
    [InlineData("""<html>""", "not JSON")]
    public void A_wrong_answer_to_get_says_what_is_wrong(string json, string problem) =>
        Assert.Contains(problem, GhostTextWire.WebSocketPort(System.Text.Encoding.UTF8.GetBytes(json)).Match(_ => "", p => p), StringComparison.Ordinal);

    [Fact]
    public void The_cursor_before_a_page_change_stays_after_it_shifts_inside_it_goes_to_its_end()
    {
        Assert.Equal(new TextSelection(2, 2), GhostTextCursor.Across("abcdef", "abcdefXY", new TextSelection(2, 2)));
        Assert.Equal(new TextSelection(4, 4), GhostTextCursor.Across("abcdef", "XYabcdef", new TextSelection(2, 2)));
        Assert.Equal(new TextSelection(5, 5), GhostTextCursor.Across("abcdef", "abXYZf", new TextSelection(3, 3)));
    }

    [Property(Cases.Standard)]
    public bool The_cursor_stays_within_the_new_text_whatever_the_editor_claimed(string? before, string? after, int start, int end)
    {
        before ??= "";
        after ??= "";
        var s = GhostTextCursor.Across(before, after, new TextSelection(start, end));
        return s.Start >= 0 && s.Start <= s.End && s.End <= after.Length;
    }

    [Property(Cases.Standard)]
    public bool A_page_change_after_the_cursor_leaves_it_where_it_was(NonNull<string> text, NonNull<string> added, byte at)
    {
        var cursor = Math.Min(at, text.Get.Length);
        var s = GhostTextCursor.Across(text.Get, text.Get + added.Get, new TextSelection(cursor, cursor));
        // A surrogate pair is never split, so an edit may start one character early there.
        return text.Get.Any(char.IsSurrogate) || s == new TextSelection(cursor, cursor);
    }
}
