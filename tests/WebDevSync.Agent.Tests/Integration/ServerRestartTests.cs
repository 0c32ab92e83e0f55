namespace WebDevSync.Agent.Tests.Integration;

public sealed class ServerRestartTests
{
    [Fact]
    public async Task A_relay_restart_mid_session_loses_no_save()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("rename"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", "v0", "ts");
        await s.Editor.FileAsync();
        await s.Editor.SaveAsync("v1");
        await s.Browser.WaitForUpdateAsync(sid, "v1");

        var before = s.Agent.Lines.Count;
        s.Server.Kill();
        await s.Agent.WaitForLineAsync("^disconnected ", skip: before);
        await s.Editor.SaveAsync("v2 (saved while the relay was down)");
        await s.Agent.WaitForLineAsync($"^update_queued {sid} ", skip: before);

        await s.Server.RestartAsync();
        await s.Browser.ConnectAsync(s.Server.WsUrl); // same connectionId, resuming at the newest seq it saw
        await s.Browser.WaitForUpdateAsync(sid, "v2 (saved while the relay was down)");
        await s.Editor.SaveAsync("v3");
        await s.Browser.WaitForUpdateAsync(sid, "v3");

        var codes = s.Browser.Updates(sid).Select(u => u.Code).ToList();
        Assert.Equal(["v1", "v2 (saved while the relay was down)", "v3"], codes.Distinct());
        Assert.Equal(codes.OrderBy(c => c, StringComparer.Ordinal), codes);

        s.Editor.Exit();
        Assert.Equal("editor_exited", (await s.Browser.WaitForClosedAsync(sid)).Reason);
    }
}
