using System.Text.Json;

namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// The real agent killed with SIGKILL and started again: it finds its state file and temp directory,
/// re-announces the sessions, sends what was saved meanwhile, follows an editor that outlived it
/// and closes a session whose editor is gone. One agent per user and relay; bad state files are set aside.
/// </summary>
public sealed class RestartTests
{
    private const string Vim = "vim -u NONE -N -n -i NONE --cmd \"set ttimeout ttimeoutlen=20\" {file}";

    [Fact]
    public async Task Vim_outlives_a_kill_9_of_the_agent_and_the_restarted_agent_sends_its_save_and_follows_it_to_the_end()
    {
        Tmux.Require("tmux", "vim");
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        await using var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        using var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));
        tmux.Run("new-session", "-d", "-s", "edit", "-x", "100", "-y", "30", "sleep", "600");
        var env = new Dictionary<string, string>(Agents.Environment(dir, dir.Sub("ctl"))) { ["TMUX"] = tmux.TmuxVariable(), ["TERM"] = "xterm-256color" };
        string[] args = [RepoPaths.AgentDll, "--headless", "--url", server.WsUrl, "--user", user, "--editor", Vim, "--temp-dir", dir.Sub("tmp")];

        var sid = $"s-{Guid.NewGuid()}";
        await using (var first = new ChildProcess("dotnet", args, env))
        {
            await first.WaitForLineAsync("^connected$");
            await browser.WaitForDesktopAsync();
            await browser.EditAsync(sid, "kept", "secret-code", "js");
            await tmux.WaitForScreenAsync("edit:1", s => s.Contains("secret-code"), "vim in its own tmux window");
            await first.WaitForLineAsync($"^editor_started {sid} ");
            first.KillAlone();
        }

        // The user saves while no agent runs; the state file (0600) holds no code.
        Type("edit:1", tmux, "Ahas two", "Escape", ":w", "Enter");
        var state = Directory.EnumerateFiles(Path.Combine(dir.Sub("state"), "webdevsync"), "agent-*.json").Single();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(state));
        var saved = JsonDocument.Parse(File.ReadAllText(state)).RootElement.GetProperty("sessions")[0];
        Assert.Equal(sid, saved.GetProperty("id").GetString());
        Assert.DoesNotContain("secret-code", File.ReadAllText(state));

        await using var second = new ChildProcess("dotnet", args, env);
        await second.WaitForLineAsync($"^session_resumed {sid} .*editor pid");
        await browser.WaitForUpdateAsync(sid, "secret-codehas two\n");
        Type("edit:1", tmux, "Aand three", "Escape", ":w", "Enter");
        await browser.WaitForUpdateAsync(sid, "secret-codehas twoand three\n");
        Type("edit:1", tmux, ":q", "Enter");
        Assert.Equal("editor_exited", (await browser.WaitForClosedAsync(sid)).Reason);
        await second.WaitForLineAsync($"^session_closed {sid} editor_exited");
    }

    [Fact]
    public async Task A_session_whose_editor_died_with_the_agent_is_sent_its_last_content_and_closed()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("rename"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "gone", "v1", "txt");
        var file = await s.Editor.FileAsync();
        await s.Editor.SaveAsync("v2");
        await s.Browser.WaitForUpdateAsync(sid, "v2");
        s.Agent.KillAlone(); // the scripted editor notices its agent is gone and exits, like a terminal editor losing its terminal
        await Poll.UntilAsync(() => !System.Diagnostics.Process.GetProcessesByName("bash").Any(p => Cmdline(p.Id).Contains(file)), "the editor to exit");
        File.WriteAllText(file, "v3, the last save");

        await using var again = Agents.Start(s.Dir, s.Server.WsUrl, s.Browser.UserId, Scenario.ScriptedEditor("rename"));
        await s.Browser.WaitForUpdateAsync(sid, "v3, the last save");
        Assert.Equal("editor_exited", (await s.Browser.WaitForClosedAsync(sid)).Reason);
        await again.WaitForLineAsync($"^session_closed {sid} editor_exited");
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_second_agent_of_the_same_user_and_relay_names_the_first_and_exits_2_unless_told_to_replace_it()
    {
        await using var s = await Scenario.StartAsync(Scenario.ScriptedEditor("rename"));
        var sid = $"s-{Guid.NewGuid()}";
        await s.Browser.EditAsync(sid, "busy", "x", "txt");
        await s.Agent.WaitForLineAsync($"^editor_started {sid} ");

        await using var second = Agents.Start(s.Dir, s.Server.WsUrl, s.Browser.UserId, "true");
        Assert.Equal(2, await second.WaitForExitAsync());
        Assert.Contains($"another agent of {s.Browser.UserId} @ {s.Server.WsUrl} runs on this machine (pid {s.Agent.Id})", second.Errors);

        await using var replacing = Agents.Start(s.Dir, s.Server.WsUrl, s.Browser.UserId, "true", "--replace");
        Assert.Equal("agent_exit", (await s.Browser.WaitForClosedAsync(sid)).Reason);
        Assert.Equal(0, await s.Agent.WaitForExitAsync());
        await replacing.WaitForLineAsync("^connected$");
    }

    [Theory]
    [InlineData("{ not json", "is not valid")]
    [InlineData("""{"format":"something-else","version":1}""", "is not a version 1 webdevsync-agent-state file")]
    [InlineData("""{"format":"webdevsync-agent-state","version":1,"userId":"mallory","serverUrl":"ws://x/","connectionId":"d-1","tempDirectory":"/tmp","sessions":[]}""", "belongs to another user or relay")]
    public async Task A_corrupt_or_foreign_state_file_is_set_aside_with_a_warning_and_the_agent_runs(string content, string problem)
    {
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        await using (var first = Agents.Start(dir, server.WsUrl, user, "true"))
            await first.WaitForLineAsync("^connected$"); // learns where the state file lives
        var stateDir = Path.Combine(dir.Sub("state"), "webdevsync");
        var key = Path.GetFileName(Directory.EnumerateFiles(stateDir, "agent-*.lock").Single())[..^".lock".Length];
        var state = Path.Combine(stateDir, key + ".json");
        File.WriteAllText(state, content);

        await using var agent = Agents.Start(dir, server.WsUrl, user, "true");
        await agent.WaitForLineAsync("^connected$");
        Assert.Contains($"warning: the state file {state} {problem}", agent.Errors);
        Assert.Contains(agent.Lines, l => l.StartsWith("state_set_aside "));
        Assert.Equal(content, File.ReadAllText(Assert.Single(Directory.EnumerateFiles(stateDir, key + ".json.bad-*"))));
    }

    private static void Type(string target, Tmux tmux, params string[] keys)
    {
        foreach (var k in keys)
            if (k is "Escape" or "Enter") tmux.Run("send-keys", "-t", target, k);
            else tmux.Run("send-keys", "-t", target, "-l", k);
    }

    private static string Cmdline(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
    }
}
