namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// Issue 22 items 1 and 5 as they were found: no <c>XDG_RUNTIME_DIR</c>, so the real agent falls back to
/// <c>$TMPDIR</c>, where another local user (<c>nobody</c>) has been busy before the developer starts it.
/// </summary>
public sealed class SharedTmpTests
{
    [Fact]
    public async Task The_agent_started_in_a_shared_tmp_keeps_the_victims_files_and_takes_a_name_nobody_planted()
    {
        using var dir = new TempDirectory();
        var shared = SecondUser.SharedTmp(dir);
        var victim = dir.Sub("victim-project");
        var precious = Path.Combine(victim, "three-days-old.txt");
        File.WriteAllText(precious, "mine");
        File.SetLastWriteTimeUtc(precious, DateTime.UtcNow.AddDays(-3));
        await using var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        var key = WebDevSync.Agent.State.AgentKey.For(user, server.WsUrl);
        SecondUser.MustRun("ln", "-s", victim, Path.Combine(shared, "webdevsync-999999-deadbeef"));
        SecondUser.MustRun("ln", "-s", victim, Path.Combine(shared, PrivateDirectory.KeyedPrefix + key));

        await using var agent = AgentProcess.Start(dir.Path, ["--headless", "--url", server.WsUrl, "--user", user, "--editor", "true"],
            new Dictionary<string, string> { ["TMPDIR"] = shared });
        var tempDir = (await agent.WaitForLineAsync("^temp_dir (.+)$")).Groups[1].Value;
        await agent.WaitForLineAsync("^leftovers_not_ours 1 left alone, e.g. .*webdevsync-999999-deadbeef: not a directory");
        await agent.WaitForLineAsync("^connected$");

        Assert.True(File.Exists(precious), "the victim's file is still there");
        Assert.StartsWith(Path.Combine(shared, PrivateDirectory.KeyedPrefix + key + "-"), tempDir);
        Assert.Null(new DirectoryInfo(tempDir).LinkTarget);
    }
}
