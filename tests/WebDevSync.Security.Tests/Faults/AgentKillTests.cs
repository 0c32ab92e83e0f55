using System.Text.Json;
using Xunit.Abstractions;

namespace WebDevSync.Security.Tests.Faults;

/// <summary>
/// kill -9 of the agent process in the middle of a stream of saves, then a restart: it re-announces its
/// sessions (desktop_connect payload.sessions) and resends each one's latest content.
/// </summary>
public sealed class AgentKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AgentKilledMidSession_AndRestarted_TheTabEndsWithTheLastSavedContentOfEverySession()
    {
        const int seed = 61;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var dir = Directory.CreateTempSubdirectory("wds-agent-kill-");
        var state = Path.Combine(dir.FullName, "agent-files.json");
        await using var server = await ServerProcess.StartAsync(Secrets.Secret);
        await using var tab = new Tab(server.WsUrl, Secrets.Token("alice"), "b-alice", "alice");
        await tab.ConnectAsync();
        var sessions = new[] { "s-1", "s-2", "s-3" };

        var agent = ScriptedAgentProcess.Start(server.WsUrl, Secrets.Token("alice"), "d-alice", "alice", state);
        try
        {
            await agent.WaitForLineAsync(l => l == "connected", "connected");
            foreach (var s in sessions)
            {
                await tab.OpenAsync(s, $"{s} v0");
                await agent.WaitForLineAsync(l => l == $"opened {s}", $"opened {s}");
            }
            var n = 0;
            for (var round = 0; round < 3; round++)
            {
                // A burst of saves, and the kill lands wherever the agent happens to be in it.
                var burst = random.Next(20, 200);
                for (var i = 0; i < burst; i++, n++) await agent.SaveAsync(sessions[n % 3], $"{sessions[n % 3]} save {n}");
                await agent.KillAsync();
                await agent.DisposeAsync();
                var saved = LastSaved(state);
                output.WriteLine($"round {round}: killed after {burst} saves queued; on disk: {string.Join(", ", saved.Values)}");

                agent = ScriptedAgentProcess.Start(server.WsUrl, Secrets.Token("alice"), "d-alice", "alice", state);
                await agent.WaitForLineAsync(l => l == "connected", "connected after restart");
                foreach (var (s, code) in saved) await tab.WaitForAsync(s, code);
            }
            // And it keeps working after the last restart.
            await agent.SaveAsync("s-2", "s-2 final");
            await tab.WaitForAsync("s-2", "s-2 final");
            await server.WaitForStatusAsync(s => ServerProcess.Desktops(s) == 1 && ServerProcess.Sessions(s) == 3, "one agent and three sessions");
        }
        finally
        {
            await agent.DisposeAsync();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The agent's files on disk: what the user saved, whatever reached the relay.</summary>
    private static Dictionary<string, string> LastSaved(string stateFile) =>
        JsonDocument.Parse(File.ReadAllText(stateFile)).RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("code").GetString()!);
}
