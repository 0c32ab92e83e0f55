using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using WebDevSync.Agent.Configuration;

namespace WebDevSync.Agent.GhostText;

/// <summary><c>webdevsync-agent ghosttext</c>: runs the bridge until Ctrl-C or SIGTERM.</summary>
public static class GhostTextRun
{
    public static async Task<int> RunAsync(AgentOptions o)
    {
        using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(o.Debug ? LogLevel.Debug : LogLevel.Information));
        var bridge = new GhostTextBridge(new GhostTextOptions(o.GhostTextPort, o.WebsocketUrl, o.UserId, o.Token), logs.CreateLogger("ghosttext"));
        await using var app = await StartOrExplainAsync(bridge, o.GhostTextPort);
        if (app is null) return 1;
        Console.WriteLine($"GhostText bridge listening on http://127.0.0.1:{bridge.Port}/ (relay {o.WebsocketUrl}, user {o.UserId})");
        if (!OperatingSystem.IsLinux())
            Console.Error.WriteLine("webdevsync-agent: warning: on this system the bridge cannot tell which user a local connection belongs to; every local user can reach it");
        var done = new TaskCompletionSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; done.TrySetResult(); });
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; done.TrySetResult(); });
        await done.Task;
        await app.StopAsync();
        return 0;
    }

    private static async Task<Microsoft.AspNetCore.Builder.WebApplication?> StartOrExplainAsync(GhostTextBridge bridge, int port)
    {
        try
        {
            return await bridge.StartAsync();
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"webdevsync-agent: cannot listen on 127.0.0.1:{port} ({e.Message}); is another GhostText server running? (--ghosttext-port)");
            return null;
        }
    }
}
