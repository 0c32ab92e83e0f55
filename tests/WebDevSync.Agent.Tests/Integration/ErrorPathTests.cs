namespace WebDevSync.Agent.Tests.Integration;

public sealed class ErrorPathTests
{
    [Theory]
    [InlineData("/nonexistent/editor --wait {file}")]
    [InlineData("failing-editor.sh")]
    public async Task An_editor_that_cannot_start_closes_the_session_with_a_reason_and_the_agent_keeps_running(string template)
    {
        template = template.Replace("failing-editor.sh", Path.Combine(RepoPaths.Suite("WebDevSync.Agent.Tests"), "Editors", "failing-editor.sh"));
        await using var s = await Scenario.StartAsync(template);

        foreach (var round in new[] { 1, 2 })
        {
            var sid = $"s-{round}-{Guid.NewGuid()}";
            await s.Browser.EditAsync(sid, "code-1", "secret code", "js");
            var closed = await s.Browser.WaitForClosedAsync(sid);
            Assert.Equal("editor_failed", closed.Reason);
            await s.Agent.WaitForLineAsync($"^editor_failed {sid} ");
        }

        Assert.False(s.Agent.HasExited, "the agent keeps running");
        Assert.DoesNotContain(s.Agent.Lines, l => l.Contains("secret code"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(s.Dir.Path, "tmp"), "*.js", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_request_over_the_size_limit_is_refused_with_too_large()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("inplace"), "--max-file-bytes", "100");
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", new string('x', 101), "js");
        var closed = await s.Browser.WaitForClosedAsync(sid);
        Assert.Equal("too_large", closed.Reason);
    }
}
