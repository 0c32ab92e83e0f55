namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>
/// The usual cast of an integration test: a relay server, one browser tab and one headless agent of
/// the same (unique) user, with a scripted editor the test drives.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    private Scenario(TempDirectory dir, RelayServer server, ChildProcess agent, BrowserClient browser)
    {
        (Dir, Server, Agent, Browser) = (dir, server, agent, browser);
        Editor = new EditorControl(dir.Sub("ctl"));
    }

    public TempDirectory Dir { get; }
    public RelayServer Server { get; }
    public ChildProcess Agent { get; }
    public BrowserClient Browser { get; }
    public EditorControl Editor { get; }

    public static string ScriptedEditor(string style) => $"{Path.Combine(RepoPaths.Suite("WebDevSync.Agent.Tests"), "Editors", "scripted-editor.sh")} {style} {{file}}";

    public static Task<Scenario> StartAsync(string editorTemplate, params string[] agentArgs) =>
        StartAsync(editorTemplate, s => s.WsUrl, agentArgs);

    /// <summary>The same cast with the agent on native gRPC (<c>grpc://</c>) and the tab on WebSocket.</summary>
    public static Task<Scenario> StartOverGrpcAsync(string editorTemplate, params string[] agentArgs) =>
        StartAsync(editorTemplate, s => s.GrpcUrl, agentArgs);

    private static async Task<Scenario> StartAsync(string editorTemplate, Func<RelayServer, string> agentUrl, string[] agentArgs)
    {
        var dir = new TempDirectory();
        var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        var agent = Agents.Start(dir, agentUrl(server), user, editorTemplate, agentArgs);
        await browser.WaitForDesktopAsync();
        return new Scenario(dir, server, agent, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Agent.DisposeAsync();
        await Server.DisposeAsync();
        Dir.Dispose();
    }
}
