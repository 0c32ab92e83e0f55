using System.Runtime.InteropServices;
using WebDevSync.Agent.Configuration;
using WebDevSync.Agent.Connection;
using WebDevSync.Agent.Editors;
using WebDevSync.Agent.Files;
using WebDevSync.Agent.Live;
using WebDevSync.Agent.Live.Plugin;
using WebDevSync.Agent.Model;
using WebDevSync.Agent.State;
using WebDevSync.Agent.Views;

namespace WebDevSync.Agent.Hosting;

/// <summary>
/// The agent itself: one per user and relay (the instance lock), resuming what an earlier one left
/// (the state file), then the pieces of the shell wired to the host loop, and the signals that quit it.
/// </summary>
public static class AgentRun
{
    public const int AnotherRuns = 2;

    public static async Task<int> RunAsync(AgentOptions o, bool replace)
    {
        var key = AgentKey.For(o.UserId, o.WebsocketUrl);
        using var instance = await InstanceGuard.TakeAsync(o, key, replace, Console.Error);
        if (instance is null) return AnotherRuns;

        var state = StateFile.For(o.StateDir, key);
        var load = state.Load(o.UserId, o.WebsocketUrl, DateTime.UtcNow);
        var snapshot = (load as StateLoad.Found)?.Snapshot;
        if (load is StateLoad.SetAside aside)
            Console.Error.WriteLine($"webdevsync-agent: warning: the state file {state.Path} {aside.Problem}; it was set aside as {aside.MovedTo} and nothing is resumed");

        var leftovers = PrivateDirectory.RemoveLeftovers(o.TempDir, TimeSpan.FromMinutes(o.TempFileMaxAgeMinutes), DateTime.UtcNow);
        var keptSweep = KeptFiles.RemoveExpired(o.StateDir, TimeSpan.FromDays(o.KeptFileMaxAgeDays), DateTime.UtcNow,
            snapshot?.Sessions.Select(s => s.KeptPath).OfType<string>().ToList() ?? []);
        // A restart keeps the directory the editors still have files in, even if --temp-dir changed meanwhile.
        var baseDir = snapshot is { Sessions.IsEmpty: false } && Directory.Exists(snapshot.TempDirectory) ? Path.GetDirectoryName(snapshot.TempDirectory)! : o.TempDir;
        PrivateDirectory dir;
        try
        {
            dir = PrivateDirectory.OpenKeyed(baseDir, key, snapshot?.Sessions.SelectMany(s => s.OwnFileNames()).ToList() ?? [], snapshot?.TempDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"webdevsync-agent: cannot create a private directory under {baseDir}: {e.Message}");
            return 1;
        }
        if (snapshot is not null && snapshot.TempDirectory != dir.Path) snapshot = snapshot with { Sessions = [] };

        var settings = Settings(o, dir.Path, snapshot?.ConnectionId ?? $"d-{Guid.NewGuid()}");
        var initial = AgentState.Initial(settings, o.Debug).Logged(LogLevel.Info, $"temp_dir {dir.Path}", Now());
        if (load is StateLoad.SetAside bad) initial = initial.Logged(LogLevel.Error, $"state_set_aside {LogText(bad.Problem)} (moved to {bad.MovedTo})", Now());
        if (leftovers.Removed > 0) initial = initial.Logged(LogLevel.Info, $"removed {leftovers.Removed} leftover temp files", Now());
        if (keptSweep.Removed > 0)
            initial = initial.Logged(LogLevel.Info, $"kept_removed {keptSweep.Removed} kept files not changed for {o.KeptFileMaxAgeDays} days (keptFileMaxAgeDays)", Now());
        if (keptSweep.Problem is { } keptProblem) initial = initial.Logged(LogLevel.Error, $"kept_not_ours {Model.LogText.Text(keptProblem, 300)} left alone", Now());
        if (leftovers.FirstSkipped is { } first)
            initial = initial.Logged(LogLevel.Error, $"leftovers_not_ours {leftovers.Skipped} left alone, e.g. {Model.LogText.Text(first, 300)}", Now());
        if (NoTerminal.Warning(settings) is { } noTerminal) initial = initial.Logged(LogLevel.Error, noTerminal, Now());

        IAgentView view = o.Headless ? new HeadlessView(Console.Out) : new TerminalGuiView();
        var host = new AgentHost(initial, view, Now);
        using var watcher = new DirectoryWatcher(dir.Path, host.Post, Now, o.MaxFileBytes);
        var link = new LinkDriver(RelayConnections.For(o.WebsocketUrl, o.Token), host.Post, Now);
        var editors = new EditorLauncher(host.Post, Now, watcher, view);
        await using var live = new LiveLinks(host.Post, Now);
        await using var plugins = new GhostTextEditors(host.Post, Now, o.MaxFileBytes);
        using var term = Quit(PosixSignal.SIGTERM, "sigterm", host);
        using var intr = Quit(PosixSignal.SIGINT, "ctrl-c", host);
        using var hup = Quit(PosixSignal.SIGHUP, "hangup", host);
        if (snapshot is { Sessions.IsEmpty: false })
            host.Post(new AgentEvent.Resumed(Resumption.Inspect(snapshot, o.MaxFileBytes), Now()));
        try
        {
            view.Start(host.Post);
            var code = await host.RunAsync(new AgentEffectInterpreter(link, watcher, editors, live, plugins, state, host.Post, Now), CancellationToken.None);
            await link.ShutdownAsync();
            if (host.State.Sessions.IsEmpty) state.Delete();
            return code;
        }
        finally
        {
            await view.DisposeAsync();
            if (host.State.Sessions.IsEmpty) dir.Remove();
        }
    }

    private static string LogText(string text) => text.Replace('\n', ' ');

    private static AgentSettings Settings(AgentOptions o, string tempDir, string connectionId)
    {
        var env = Environment.GetEnvironmentVariables();
        var around = new EditorSurroundings(
            InsideTmux: !string.IsNullOrEmpty(env["TMUX"] as string), o.UseTmux,
            HasDisplay: !string.IsNullOrEmpty(env["DISPLAY"] as string) || !string.IsNullOrEmpty(env["WAYLAND_DISPLAY"] as string))
        {
            HasTerminal = !Console.IsInputRedirected && !Console.IsOutputRedirected,
        };
        return new AgentSettings(o.WebsocketUrl, o.UserId, connectionId, o.PreferredIde, o.EditorMode, around, tempDir,
            o.MaxFileBytes, o.HeartbeatSeconds * 1000L, Math.Max(5_000L, o.HeartbeatSeconds * 1000L)) { LiveEditing = o.LiveEditing, PageModelines = o.PageModelines, EditorLaunchesPerMinute = o.EditorLaunchesPerMinute,
                Headless = o.Headless, KeptDirectory = Path.Combine(o.StateDir, "kept") };
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static PosixSignalRegistration Quit(PosixSignal signal, string why, AgentHost host) =>
        PosixSignalRegistration.Create(signal, ctx =>
        {
            ctx.Cancel = true;
            host.Post(new AgentEvent.QuitRequested(why, Now()));
        });
}
