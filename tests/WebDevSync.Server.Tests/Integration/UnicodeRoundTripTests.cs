namespace WebDevSync.Server.Tests.Integration;

/// <summary>A 1 MiB payload of multi-byte text and emoji crosses the relay byte for byte, both ways.</summary>
public sealed class UnicodeRoundTripTests
{
    /// <summary>About <paramref name="utf8Bytes"/> of UTF-8: ASCII, 2-, 3- and 4-byte characters, combining marks, JSON specials.</summary>
    private static string MixedText(int utf8Bytes)
    {
        string[] pieces = ["const s = \"quote\\\\\";\n", "Grüße, naïve café ", "日本語のテキスト ", "😀🎉👩‍💻🏳️‍🌈 ", "e\u0301 ", "\t</script>\u2028\u2029 ", "𝄞𝕏 "];
        var sb = new StringBuilder();
        var random = new Random(2024);
        while (Encoding.UTF8.GetByteCount(sb.ToString()) < utf8Bytes)
        {
            for (var i = 0; i < 1000; i++) sb.Append(pieces[random.Next(pieces.Length)]);
        }
        return sb.ToString();
    }

    [Fact]
    public async Task OneMebibyteOfUnicode_RoundTripsByteExact_BrowserToAgentAndBack()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var original = MixedText(1024 * 1024);
        var originalBytes = Encoding.UTF8.GetBytes(original);
        Assert.True(originalBytes.Length >= 1024 * 1024);

        await pair.Browser.SendAsync(Msg.EditRequestAs(pair.BrowserId, "alice", "s-big", "t-big", original, rawUtf8: true));
        var request = await pair.Agent.ExpectAsync("edit_request");
        Assert.Equal(originalBytes, Encoding.UTF8.GetBytes(request.Payload().Str("code")));

        // The agent sends it back escaped (\uXXXX), the other way a client may write JSON.
        var edited = original + "\n// saved ✓ 🚀";
        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s-big", "t-big", edited, rawUtf8: false));
        var update = await pair.Browser.ExpectAsync("code_update");
        Assert.Equal(Encoding.UTF8.GetBytes(edited), Encoding.UTF8.GetBytes(update.Payload().Str("code")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("😀")]
    [InlineData("\u0000\u0001\u001f control")]
    [InlineData("line\r\nbreak\ttab \"quotes\" \\backslash/")]
    [InlineData("\uFEFFbom and \uFFFD replacement")]
    public async Task Edges_RoundTripExactly(string code)
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Browser.SendAsync(Msg.EditRequestAs(pair.BrowserId, "alice", "s1", "t1", code, rawUtf8: true));
        Assert.Equal(code, (await pair.Agent.ExpectAsync("edit_request")).Payload().Str("code"));
        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s1", "t1", code));
        Assert.Equal(code, (await pair.Browser.ExpectAsync("code_update")).Payload().Str("code"));
    }

    [Fact]
    public async Task NonAsciiIds_RoundTrip()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await server.AgentAsync("ユーザー🙂", "d-ü");
        await using var browser = await server.BrowserAsync("ユーザー🙂", "b-ü", expectDesktop: true);
        await browser.SendAsync(Msg.EditRequestAs("b-ü", "ユーザー🙂", "sessão-1", "textarea-ß", "x", rawUtf8: true));
        var request = await agent.ExpectAsync("edit_request");
        Assert.Equal("sessão-1", request.Str("sessionId"));
        Assert.Equal("textarea-ß", request.Payload().Str("textareaId"));
        Assert.Equal("b-ü", request.Payload().Str("browserConnectionId"));
    }
}
