namespace WebDevSync.Agent.Tests.Integration;

/// <summary>A headless agent with no terminal and a terminal editor says so at start and fails each edit with the reason (issue 27).</summary>
public sealed class NoTerminalTests
{
    [Fact]
    public async Task Vim_without_a_terminal_is_reported_at_start_and_each_edit_ends_as_editor_failed_with_the_reason()
    {
        await using var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        await using var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        using var dir = new TempDirectory();
        // Started as the kit starts every agent: stdin and stdout are pipes, and there is no tmux.
        await using var agent = Agents.Start(dir, server.WsUrl, user, "vim {file}");
        await agent.WaitForLineAsync(@"^no_terminal vim needs a terminal and this agent has none: run the agent in a terminal or inside tmux, or use a GUI editor .*; edits will fail with editor_failed$");
        await browser.WaitForDesktopAsync();

        var sid = $"s-{Guid.NewGuid()}";
        await browser.EditAsync(sid, "code-1", "typed in the page", "js");
        await agent.WaitForLineAsync($"^editor_failed {sid} vim needs a terminal and this agent has none");
        Assert.Equal("editor_failed", (await browser.WaitForClosedAsync(sid)).Reason);
        Assert.DoesNotContain("editor_started", agent.Output);
    }
}
