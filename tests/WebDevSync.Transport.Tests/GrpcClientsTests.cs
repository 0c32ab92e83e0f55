namespace WebDevSync.Transport.Tests;

/// <summary>
/// WebDevSync over native gRPC with the ecosystem's own clients as real processes: grpc-js and Python
/// grpcio as the agent (the tab on WebSocket), and the documented example clients as the tab.
/// </summary>
public sealed class GrpcClientsTests(RelayFixture relay) : IClassFixture<RelayFixture>
{
    private static string Proto => Path.Combine(Repo.Root, "proto/webdevsync/v1/webdevsync.proto");

    [Fact]
    public async Task GrpcJsAgent_ReceivesEditFromWebSocketTab_AndItsUpdateReachesTheTab() =>
        await AgentRoundTripAsync("grpcjs", ChildProcess.Start("node", Path.Combine(AppContext.BaseDirectory, "Scripts/agent.mjs"), relay.GrpcAddress, "grpcjs", Proto));

    [Fact]
    public async Task PythonAgent_ReceivesEditFromWebSocketTab_AndItsUpdateReachesTheTab() =>
        await AgentRoundTripAsync("python", ChildProcess.Start("/usr/bin/python3", Path.Combine(AppContext.BaseDirectory, "Scripts/agent.py"), relay.GrpcAddress, "python", Path.Combine(Repo.Root, "proto")));

    [Fact]
    public async Task NodeExampleClient_OpensASessionAndPrintsEachSave() =>
        await ExampleClientAsync("example-node", "node", "scripts/examples/edit-over-grpc.mjs");

    [Fact]
    public async Task PythonExampleClient_OpensASessionAndPrintsEachSave() =>
        await ExampleClientAsync("example-python", "/usr/bin/python3", "scripts/examples/edit_over_grpc.py");

    [Fact]
    public async Task Connect_AfterTheClientHalfCloses_StillDeliversUpdates()
    {
        await using var agent = await JsonSocket.ConnectAsync(relay.WebSocketUri);
        await agent.SendAsync(new { type = "desktop_connect", connectionId = "agent-half", userId = "half" });
        await agent.NextAsync("connection_ack");
        await using var tab = ChildProcess.Start("node", Path.Combine(AppContext.BaseDirectory, "Scripts/half-close-tab.mjs"), relay.GrpcAddress, "half", Proto);
        var edit = await agent.NextAsync("edit_request");
        await tab.WaitForAsync("half-closed");
        await agent.SendAsync(new { type = "code_update", sessionId = (string)edit["sessionId"]!, payload = new { code = "saved after half-close" } });
        await tab.WaitForAsync("update: saved after half-close");
        Assert.Equal(0, await tab.ExitCodeAsync());
    }

    private async Task AgentRoundTripAsync(string user, ChildProcess agent)
    {
        await using (agent)
        {
            await agent.WaitForAsync("ready");
            await using var tab = await JsonSocket.ConnectAsync(relay.WebSocketUri);
            await tab.SendAsync(new { type = "browser_connect", connectionId = $"tab-{user}", userId = user });
            Assert.True((bool)(await tab.NextAsync("desktop_status"))["payload"]!["connected"]!);
            await tab.SendAsync(new { type = "edit_request", sessionId = $"s-{user}", payload = new { textareaId = "code-1", code = "hello ünïcode 🎉", fileType = "js" } });
            var update = await tab.NextAsync("code_update");
            Assert.Equal("HELLO ÜNÏCODE 🎉", (string?)update["payload"]!["code"]);
            Assert.Equal("code-1", (string?)update["payload"]!["textareaId"]);
        }
    }

    private async Task ExampleClientAsync(string user, string program, string script)
    {
        await using var agent = await JsonSocket.ConnectAsync(relay.WebSocketUri);
        await agent.SendAsync(new { type = "desktop_connect", connectionId = $"agent-{user}", userId = user });
        await agent.NextAsync("connection_ack");
        var file = Path.Combine(Path.GetTempPath(), $"{user}-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(file, "print('hi')\n");
        await using var client = ChildProcess.Start(program, script, "--server", relay.GrpcAddress, "--user", user, file);

        var edit = await agent.NextAsync("edit_request");
        var session = (string)edit["sessionId"]!;
        Assert.Equal("print('hi')\n", (string?)edit["payload"]!["code"]);
        Assert.Equal("py", (string?)edit["payload"]!["fileType"]);
        await agent.SendAsync(new { type = "code_update", sessionId = session, payload = new { code = "print('saved once')\n" } });
        await client.WaitForAsync("print('saved once')");
        await agent.SendAsync(new { type = "code_update", sessionId = session, payload = new { code = "print('saved twice ✓')\n" } });
        await client.WaitForAsync("print('saved twice ✓')");
        await agent.SendAsync(new { type = "session_closed", sessionId = session, payload = new { reason = "editor_exited" } });
        await client.WaitForAsync("session closed: editor_exited");
        Assert.Equal(0, await client.ExitCodeAsync());
        File.Delete(file);
    }
}
