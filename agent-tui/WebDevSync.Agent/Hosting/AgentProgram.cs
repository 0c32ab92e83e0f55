using System.Runtime.InteropServices;
using WebDevSync.Agent.Configuration;
using WebDevSync.Agent.Connection;
using WebDevSync.Agent.Editors;
using WebDevSync.Agent.Files;
using WebDevSync.Agent.Model;
using WebDevSync.Agent.Views;
using WebDevSync.Json;

namespace WebDevSync.Agent.Hosting;

/// <summary>Start-up: command line and configuration, the private directory, the pieces of the shell, signals.</summary>
public static class AgentProgram
{
    public const int BadConfiguration = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = CommandLine.Parse(args);
        if (parsed.Fold(cl => (CommandLine?)cl, _ => null) is not { } cl) return Fail(parsed.Fold(_ => (ConfigError)null!, e => e));
        if (cl.Has("version")) { Console.WriteLine(typeof(AgentProgram).Assembly.GetName().Version); return 0; }
        if (cl.Has("help") || cl.Subcommand == "help") { Console.WriteLine(Usage.Text()); return 0; }
        var loaded = ConfigLoader.Load(Inputs(cl));
        if (loaded.Fold(c => (LoadedConfig?)c, _ => null) is not { } config) return Fail(loaded.Fold(_ => (ConfigError)null!, e => e));
        if (cl.Subcommand == "config" || cl.Has("print-config")) { Console.WriteLine(Usage.Config(config)); return 0; }
        return await RunAgentAsync(config.Options);
    }

    private static int Fail(ConfigError error)
    {
        Console.Error.WriteLine($"webdevsync-agent: {error}");
        return BadConfiguration;
    }

    private static ConfigInputs Inputs(CommandLine cl)
    {
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        var home = env.GetValueOrDefault("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new ConfigInputs(cl, env, path => File.Exists(path) ? File.ReadAllText(path) : null, home, Environment.UserName, Console.IsOutputRedirected);
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static async Task<int> RunAgentAsync(AgentOptions o)
    {
        var leftovers = PrivateDirectory.RemoveLeftovers(o.TempDir, TimeSpan.FromMinutes(o.TempFileMaxAgeMinutes), DateTime.UtcNow);
        PrivateDirectory dir;
        try
        {
            dir = PrivateDirectory.Create(o.TempDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"webdevsync-agent: cannot create a private directory under {o.TempDir}: {e.Message}");
            return 1;
        }

        var env = Environment.GetEnvironmentVariables();
        var around = new EditorSurroundings(
            InsideTmux: !string.IsNullOrEmpty(env["TMUX"] as string), o.UseTmux,
            HasDisplay: !string.IsNullOrEmpty(env["DISPLAY"] as string) || !string.IsNullOrEmpty(env["WAYLAND_DISPLAY"] as string));
        var settings = new AgentSettings(o.WebsocketUrl, o.UserId, $"d-{Guid.NewGuid()}", o.PreferredIde, o.EditorMode, around, dir.Path,
            o.MaxFileBytes, o.HeartbeatSeconds * 1000L, Math.Max(5_000L, o.HeartbeatSeconds * 1000L));
        var initial = AgentState.Initial(settings, o.Debug)
            .Logged(LogLevel.Info, $"temp_dir {dir.Path}", Now());
        if (leftovers > 0) initial = initial.Logged(LogLevel.Info, $"removed {leftovers} leftover temp files", Now());

        IAgentView view = o.Headless ? new HeadlessView(Console.Out) : new SpectreView();
        var host = new AgentHost(initial, view, Now);
        using var watcher = new DirectoryWatcher(dir.Path, host.Post, Now, o.MaxFileBytes);
        var link = new LinkDriver(RelayConnections.For(o.WebsocketUrl, o.Token), host.Post, Now);
        var editors = new EditorLauncher(host.Post, Now, watcher, view, dir.Path);
        using var term = Quit(PosixSignal.SIGTERM, "sigterm", host);
        using var intr = Quit(PosixSignal.SIGINT, "ctrl-c", host);
        using var hup = Quit(PosixSignal.SIGHUP, "hangup", host);
        try
        {
            view.Start(host.Post);
            var code = await host.RunAsync(new EffectInterpreter(link, watcher, editors, host.Post, Now), CancellationToken.None);
            await link.ShutdownAsync();
            return code;
        }
        finally
        {
            await view.DisposeAsync();
            dir.Remove();
        }
    }

    private static PosixSignalRegistration Quit(PosixSignal signal, string why, AgentHost host) =>
        PosixSignalRegistration.Create(signal, ctx =>
        {
            ctx.Cancel = true;
            host.Post(new AgentEvent.QuitRequested(why, Now()));
        });
}
