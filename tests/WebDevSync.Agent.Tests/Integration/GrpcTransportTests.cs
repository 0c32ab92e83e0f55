namespace WebDevSync.Agent.Tests.Integration;

/// <summary>The agent on native gRPC (<c>grpc://</c> URL) with the tab on WebSocket: same behaviour, other wire.</summary>
public sealed class GrpcTransportTests
{
    [Fact]
    public async Task Agent_over_grpc_opens_the_edit_and_every_save_reaches_the_websocket_tab()
    {
        await using var s = await Scenario.StartOverGrpcAsync(Scenario.ScriptedEditor("rename"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", "let a = 0;", "js");
        var file = await s.Editor.FileAsync();
        Assert.Equal("let a = 0;", File.ReadAllText(file));

        foreach (var code in new[] { "let a = 1;\n", "let a = \"ünïcødé ✓ 🎉\";\n" })
        {
            await s.Editor.SaveAsync(code);
            await s.Browser.WaitForUpdateAsync(sid, code);
        }

        s.Editor.Exit();
        Assert.Equal("editor_exited", (await s.Browser.WaitForClosedAsync(sid)).Reason);
    }

    [Fact]
    public async Task Agent_over_grpc_survives_a_server_restart_and_loses_no_save()
    {
        await using var s = await Scenario.StartOverGrpcAsync(Scenario.ScriptedEditor("inplace"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "code-1", "v0", "txt");
        await s.Editor.FileAsync();
        await s.Editor.SaveAsync("v1");
        await s.Browser.WaitForUpdateAsync(sid, "v1");

        s.Server.Kill();
        await s.Editor.SaveAsync("v2 saved while the relay was down");
        await s.Server.RestartAsync();
        await s.Browser.ConnectAsync(s.Server.WsUrl);
        await s.Browser.WaitForUpdateAsync(sid, "v2 saved while the relay was down");
    }
}
