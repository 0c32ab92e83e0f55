namespace WebDevSync.Transport.Tests;

/// <summary>
/// WebDevSync over native gRPC with the ecosystem's own clients as real processes: grpc-js and Python
/// grpcio as the agent (the tab on WebSocket), and the documented example clients as the tab.
/// </summary>
public sealed class GrpcClientsTests(RelayFixture relay) : IClassFixture<RelayFixture>
{
    private static string Proto => Path.Combine(RepoPaths.Root, "proto/webdevsync/v1/webdevsync.proto");

    [Fact]
    public async Task GrpcJsAgent_ReceivesEditFromWebSocketTab_AndItsUpdateReachesTheTab() =>
        await AgentRoundTripAsync("grpcjs", new ChildProcess("node", [Path.Combine(AppContext.BaseDirectory, "Scripts/agent.mjs"), relay.GrpcAddress, "grpcjs", Proto]));

    [Fact]
    public async Task PythonAgent_ReceivesEditFromWebSocketTab_AndItsUpdateReachesTheTab() =>
        await AgentRoundTripAsync("python", new ChildProcess("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "Scripts/agent.py"), relay.GrpcAddress, "python", Path.Combine(RepoPaths.Root, "proto")]));

    [Fact]
    public async Task NodeExampleClient_OpensASessionAndPrintsEachSave() =>
        await ExampleClientAsync("example-node", "node", "scripts/examples/edit-over-grpc.mjs");

    [Fact]
    public async Task PythonExampleClient_OpensASessionAndPrintsEachSave() =>
        await ExampleClientAsync("example-python", "/usr/bin/python3", "scripts/examples/edit_over_grpc.py");

    [Theory]
    [InlineData("node", "scripts/examples/edit-over-grpc.mjs")]
    [InlineData("/usr/bin/python3", "scripts/examples/edit_over_grpc.py")]
    public async Task ExampleClient_TakesTheFileTypeFromTypeWrittenBeforeTheFile(string program, string script) =>
        await ExampleClientAsync($"example-type-{Path.GetExtension(script)[1..]}", program, script, ["--type", "js"], "js");

    [Fact]
    public async Task Connect_AfterTheClientHalfCloses_StillDeliversUpdates()
    {
        await using var agent = await JsonWsClient.ConnectAsync(relay.WebSocketUri);
        await agent.SendAsync(Msg.DesktopConnect("agent-half", "half"));
        await agent.WaitForAsync("connection_ack");
        await using var tab = new ChildProcess("node", [Path.Combine(AppContext.BaseDirectory, "Scripts/half-close-tab.mjs"), relay.GrpcAddress, "half", Proto]);
        var edit = await agent.WaitForAsync("edit_request");
        await tab.WaitForTextAsync("half-closed");
        await agent.SendAsync(Msg.Of(new { type = "code_update", sessionId = edit.Str("sessionId"), payload = new { code = "saved after half-close" } }));
        await tab.WaitForTextAsync("update: saved after half-close");
        Assert.Equal(0, await tab.WaitForExitAsync());
    }

    private async Task AgentRoundTripAsync(string user, ChildProcess agent)
    {
        await using (agent)
        {
            await agent.WaitForTextAsync("ready");
            await using var tab = await JsonWsClient.ConnectAsync(relay.WebSocketUri);
            await tab.SendAsync(Msg.BrowserConnect($"tab-{user}", user));
            Assert.True((await tab.WaitForAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());
            await tab.SendAsync(Msg.EditRequest($"s-{user}", "code-1", "hello ünïcode 🎉", "js"));
            var update = await tab.WaitForAsync("code_update");
            Assert.Equal("HELLO ÜNÏCODE 🎉", update.Payload().Str("code"));
            Assert.Equal("code-1", update.Payload().Str("textareaId"));
        }
    }

    private async Task ExampleClientAsync(string user, string program, string script, string[]? options = null, string fileType = "py")
    {
        await using var agent = await JsonWsClient.ConnectAsync(relay.WebSocketUri);
        await agent.SendAsync(Msg.DesktopConnect($"agent-{user}", user));
        await agent.WaitForAsync("connection_ack");
        using var temp = new TempDirectory("wds-example-");
        var file = temp.File($"{user}.py");
        await File.WriteAllTextAsync(file, "print('hi')\n");
        await using var client = new ChildProcess(program, [script, "--server", relay.GrpcAddress, "--user", user, .. options ?? [], file]);

        var edit = await agent.WaitForAsync("edit_request");
        var session = edit.Str("sessionId");
        Assert.Equal("print('hi')\n", edit.Payload().Str("code"));
        Assert.Equal(fileType, edit.Payload().Str("fileType"));
        await agent.SendAsync(Msg.Of(new { type = "code_update", sessionId = session, payload = new { code = "print('saved once')\n" } }));
        await client.WaitForTextAsync("print('saved once')");
        await agent.SendAsync(Msg.Of(new { type = "code_update", sessionId = session, payload = new { code = "print('saved twice ✓')\n" } }));
        await client.WaitForTextAsync("print('saved twice ✓')");
        await agent.SendAsync(Msg.Of(new { type = "session_closed", sessionId = session, payload = new { reason = "editor_exited" } }));
        await client.WaitForTextAsync("session closed: editor_exited");
        Assert.Equal(0, await client.WaitForExitAsync());
    }
}
