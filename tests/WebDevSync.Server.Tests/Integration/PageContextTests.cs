namespace WebDevSync.Server.Tests.Integration;

/// <summary>An edit request's page context (README "Page context") through the real relay: checked, then passed to the agent.</summary>
public sealed class PageContextTests
{
    private static string EditWith(object payload) => Msg.Of(new { type = "edit_request", connectionId = "b-alice", userId = "alice", sessionId = "s1", payload }, rawUtf8: true);

    [Fact]
    public async Task UrlTitleAndSelection_ReachTheAgent_AsTheTabSentThem()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Browser.SendAsync(EditWith(new
        {
            textareaId = "t1", code = "console.log('hello');", fileType = "js",
            url = "https://app.example.com/snippets/4?tab=2#x", title = "Snippet 4 · Example ✓", selection = new { start = 8, end = 13 },
        }));

        var request = (await pair.Agent.ExpectAsync("edit_request")).Payload();
        Assert.Equal("https://app.example.com/snippets/4?tab=2#x", request.Str("url"));
        Assert.Equal("Snippet 4 · Example ✓", request.Str("title"));
        Assert.Equal((8, 13), (request.GetProperty("selection").GetProperty("start").GetInt32(), request.GetProperty("selection").GetProperty("end").GetInt32()));
    }

    [Fact]
    public async Task WithoutContext_TheAgentsEditRequestHasNoContextFields()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Browser.SendAsync(EditWith(new { textareaId = "t1", code = "x", fileType = "js" }));

        var request = (await pair.Agent.ExpectAsync("edit_request")).Payload();
        Assert.False(request.TryGetProperty("url", out _) || request.TryGetProperty("title", out _) || request.TryGetProperty("selection", out _));
    }

    [Theory]
    [InlineData("url", "message.payload.url must be an absolute URL")]
    [InlineData("title", "message.payload.title must not contain control characters")]
    [InlineData("selection", "message.payload.selection.end is beyond the end of code (5 UTF-16 units)")]
    [InlineData("long title", "message.payload.title is longer than 1024 characters")]
    public async Task ABadContextField_IsRefusedNamingIt_TheSessionIsNotOpened_AndTheConnectionStaysUsable(string field, string message)
    {
        await using var pair = await ConnectedPair.StartAsync();
        object payload = field switch
        {
            "url" => new { textareaId = "t1", code = "12345", url = "javascript-less relative/path" },
            "title" => new { textareaId = "t1", code = "12345", title = "\u001b]0;pwned\u0007" },
            "selection" => new { textareaId = "t1", code = "12345", selection = new { start = 0, end = 6 } },
            _ => new { textareaId = "t1", code = "12345", title = new string('t', 1025) },
        };
        await pair.Browser.SendAsync(EditWith(payload));

        var error = await pair.Browser.ExpectErrorAsync("INVALID_MESSAGE");
        Assert.Equal(message, error.ErrorMessage());
        Assert.Equal("s1", error.Str("sessionId"));
        await pair.Agent.AssertNothingPendingAsync();
        Assert.Equal(0, (await pair.Server.StatusAsync()).GetProperty("sessions").GetProperty("active").GetInt32());
        await pair.AssertStillRoutesAsync();
    }
}
