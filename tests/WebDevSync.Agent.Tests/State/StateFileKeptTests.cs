using WebDevSync.Agent.State;

namespace WebDevSync.Agent.Tests.State;

/// <summary>The state file keeps where a kept session's text goes, reads files from before it, and knows its relay however the URL is spelt.</summary>
public sealed class StateFileKeptTests
{
    private static PersistedSession Session(string dir, string? kept) =>
        new("s-1", "code-1", "js", "b-1", "code-1-s1.js", Path.Combine(dir, "code-1-s1.js"), WebDevSync.Agent.Editors.EditorKind.Terminal, new EditorIdentity(42, 7), "hash", 1, 1_000, kept);

    [Fact]
    public void A_kept_sessions_kept_path_survives_a_save_and_a_load_under_another_spelling_of_the_relay()
    {
        using var dir = new TempDirectory();
        var file = StateFile.For(dir.Path, "k");
        var tmp = dir.Sub("tmp");
        file.Save(new AgentSnapshot("alice", "ws://127.0.0.1:8071/web-dev-sync/ws", "d-1", tmp, [Session(tmp, "/kept/code-1-s1.js")]));
        var found = Assert.IsType<StateLoad.Found>(file.Load("alice", "ws://localhost:8071/web-dev-sync/ws/", DateTime.UtcNow));
        Assert.Equal("/kept/code-1-s1.js", Assert.Single(found.Snapshot.Sessions).KeptPath);
    }

    [Fact]
    public void A_state_file_from_before_kept_sessions_loads_with_none_kept()
    {
        using var dir = new TempDirectory();
        var file = StateFile.For(dir.Path, "k");
        var tmp = dir.Sub("tmp");
        file.Save(new AgentSnapshot("alice", "ws://localhost:8071/web-dev-sync/ws", "d-1", tmp, [Session(tmp, null)]));
        File.WriteAllText(file.Path, File.ReadAllText(file.Path).Replace("\"keptPath\": null", "\"x\": 1", StringComparison.Ordinal));
        Assert.DoesNotContain("keptPath", File.ReadAllText(file.Path));
        var found = Assert.IsType<StateLoad.Found>(file.Load("alice", "ws://localhost:8071/web-dev-sync/ws", DateTime.UtcNow));
        Assert.Null(Assert.Single(found.Snapshot.Sessions).KeptPath);
    }
}
