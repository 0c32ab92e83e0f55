using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using WebDevSync.Agent.Live.Plugin;

namespace WebDevSync.Agent.Tests.Live.Plugin;

/// <summary>The agent as a GhostText client, against a plugin in the test process: the protocol, the cursor, and what a hostile or absent plugin gets.</summary>
public sealed class GhostTextClientTests
{
    private static readonly GhostTextField Field = new("A page", "https://example.org/a", "js", "let a = 1;\n", new TextSelection(4, 5));

    private static Task<GhostTextClient> ConnectAsync(int port, ConcurrentQueue<string> changes, long maxTextBytes = 1000) =>
        GhostTextClient.ConnectAsync(port, Field, maxTextBytes, changes.Enqueue, TimeSpan.FromSeconds(10), Timeouts.Token());

    private static (string Text, int Start, int End) Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var sel = doc.RootElement.GetProperty("selections")[0];
        return (doc.RootElement.GetProperty("text").GetString()!, sel.GetProperty("start").GetInt32(), sel.GetProperty("end").GetInt32());
    }

    /// <summary>A port bound but not listening: nothing answers there, and no other test can take it meanwhile.</summary>
    private static Socket Unanswered(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    [Fact]
    public async Task The_field_goes_first_as_the_extension_sends_it_with_an_extension_origin()
    {
        await using var plugin = await FakeGhostTextPlugin.StartAsync();
        await using var client = await ConnectAsync(plugin.Port, new());
        using var first = JsonDocument.Parse(await plugin.NextAsync());
        var root = first.RootElement;
        Assert.Equal(("A page", "https://example.org/a", "js", "let a = 1;\n"),
            (root.GetProperty("title").GetString(), root.GetProperty("url").GetString(), root.GetProperty("syntax").GetString(), root.GetProperty("text").GetString()));
        Assert.Equal((4, 5), (root.GetProperty("selections")[0].GetProperty("start").GetInt32(), root.GetProperty("selections")[0].GetProperty("end").GetInt32()));
        Assert.StartsWith("chrome-extension://", plugin.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_new_text_of_the_editor_is_reported_once_and_a_repeat_of_the_held_text_is_not()
    {
        await using var plugin = await FakeGhostTextPlugin.StartAsync();
        var changes = new ConcurrentQueue<string>();
        await using var client = await ConnectAsync(plugin.Port, changes);
        await plugin.NextAsync();
        await plugin.SendAsync("""{"text":"let a = 1;\n","selections":[{"start":3,"end":3}]}""");
        await plugin.SendAsync("""{"text":"let a = 12;\n","selections":[{"start":10,"end":10}]}""");
        await plugin.SendAsync("""{"text":"let a = 12;\n"}""");
        await plugin.SendAsync("""{"text":"let a = 123;\n"}""");
        await Poll.UntilAsync(() => changes.Count == 2, "two reports");
        Assert.Equal(["let a = 12;\n", "let a = 123;\n"], changes);
    }

    [Fact]
    public async Task A_page_change_goes_to_the_editor_with_its_own_cursor_carried_past_the_change()
    {
        await using var plugin = await FakeGhostTextPlugin.StartAsync();
        var changes = new ConcurrentQueue<string>();
        await using var client = await ConnectAsync(plugin.Port, changes);
        await plugin.NextAsync();
        // The editor's selection is taken before its text is reported.
        await plugin.SendAsync("""{"text":"let a = 2;\n","selections":[{"start":8,"end":9}]}""");
        await Poll.UntilAsync(() => !changes.IsEmpty, "the editor's text");
        Assert.True(await client.ApplyAsync("// top\nlet a = 2;\n"));
        Assert.Equal(("// top\nlet a = 2;\n", 15, 16), Read(await plugin.NextAsync()));
        Assert.True(await client.ApplyAsync("// top\nlet a = 2;\n// end\n"));
        Assert.Equal(("// top\nlet a = 2;\n// end\n", 15, 16), Read(await plugin.NextAsync()));
    }

    [Fact]
    public async Task A_selection_beyond_the_editors_text_is_clamped_to_it()
    {
        await using var plugin = await FakeGhostTextPlugin.StartAsync();
        var changes = new ConcurrentQueue<string>();
        await using var client = await ConnectAsync(plugin.Port, changes);
        await plugin.NextAsync();
        await plugin.SendAsync("""{"text":"abc","selections":[{"start":-5,"end":4000000000}]}""");
        await plugin.SendAsync("""{"text":"abcd","selections":[{"start":900,"end":2}]}""");
        // Found by the answer-to-GET tests: reading a number that is a string threw instead of being refused.
        await plugin.SendAsync("""{"text":"abcde","selections":[{"start":"1","end":{}}]}""");
        await Poll.UntilAsync(() => changes.Count == 3, "the three texts");
        Assert.True(await client.ApplyAsync("abcde!"));
        var (text, start, end) = Read(await plugin.NextAsync());
        Assert.Equal("abcde!", text);
        Assert.True(start is >= 0 and <= 6 && end >= start && end <= 6, $"selection {start}..{end}");
    }

    [Theory]
    [InlineData("not json at all", "not GhostText")]
    [InlineData("""{"selections":[]}""", "text must be a string")]
    [InlineData("""{"text":42}""", "text must be a string")]
    [InlineData("""["text"]""", "not a JSON object")]
    public async Task A_message_that_is_not_ghosttext_ends_the_field_with_what_was_wrong(string frame, string problem)
    {
        await using var plugin = await FakeGhostTextPlugin.StartAsync();
        var changes = new ConcurrentQueue<string>();
        await using var client = await ConnectAsync(plugin.Port, changes);
        await plugin.NextAsync();
        await plugin.SendAsync(frame);
        var end = await client.Ended.WaitAsync(Timeouts.Wait);
        Assert.Contains(problem, end.Problem, StringComparison.Ordinal);
        Assert.Empty(changes);
        await plugin.ClientClosed.Task.WaitAsync(Timeouts.Wait);
    }

    [Fact]
    public async Task A_binary_frame_ends_the_field()
    {
        await using var plugin = await FakeGhostTextPlugin.StartAsync();
        await using var client = await ConnectAsync(plugin.Port, new());
        await plugin.NextAsync();
        await plugin.SendAsync("""{"text":"x"}""", WebSocketMessageType.Binary);
        Assert.Contains("binary", (await client.Ended.WaitAsync(Timeouts.Wait)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_beyond_what_any_text_within_the_limit_needs_ends_the_field_before_it_is_read_whole()
    {
        await using var plugin = await FakeGhostTextPlugin.StartAsync();
        var changes = new ConcurrentQueue<string>();
        await using var client = await ConnectAsync(plugin.Port, changes, maxTextBytes: 10);
        await plugin.NextAsync();
        await plugin.SendAsync($$"""{"text":"{{new string('x', GhostTextClient.MaxMessageBytes(10) + 10)}}"}""");
        Assert.Contains($"over {GhostTextClient.MaxMessageBytes(10)} bytes", (await client.Ended.WaitAsync(Timeouts.Wait)).Problem, StringComparison.Ordinal);
        Assert.Empty(changes);
    }

    [Fact]
    public async Task The_editor_closing_the_field_ends_it_without_a_problem()
    {
        await using var plugin = await FakeGhostTextPlugin.StartAsync();
        await using var client = await ConnectAsync(plugin.Port, new());
        await plugin.NextAsync();
        await plugin.CloseAsync();
        Assert.Null((await client.Ended.WaitAsync(Timeouts.Wait)).Problem);
    }

    [Fact]
    public async Task No_plugin_on_the_port_is_an_error_naming_the_port()
    {
        using var nothing = Unanswered(out var port);
        var e = await Assert.ThrowsAsync<GhostTextUnavailable>(() => ConnectAsync(port, new()));
        Assert.Contains($"no GhostText plugin answers on localhost:{port}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>hello</html>", "is not a GhostText plugin")]
    [InlineData("""{"ProtocolVersion":1,"WebSocketPort":0}""", "WebSocketPort")]
    public async Task Something_else_on_the_port_is_an_error_saying_it_is_not_ghosttext(string answer, string problem)
    {
        await using var other = await FakeGhostTextPlugin.StartAsync(answer);
        var e = await Assert.ThrowsAsync<GhostTextUnavailable>(() => ConnectAsync(other.Port, new()));
        Assert.Contains($"localhost:{other.Port}", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_websocket_port_where_nothing_listens_is_an_error_naming_both_ports()
    {
        using var nothing = Unanswered(out var wsPort);
        await using var plugin = await FakeGhostTextPlugin.StartAsync($$"""{"ProtocolVersion":1,"WebSocketPort":{{wsPort}}}""");
        var e = await Assert.ThrowsAsync<GhostTextUnavailable>(() => ConnectAsync(plugin.Port, new()));
        Assert.Contains($"localhost:{plugin.Port}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"WebSocket port {wsPort}", e.Message, StringComparison.Ordinal);
    }
}
