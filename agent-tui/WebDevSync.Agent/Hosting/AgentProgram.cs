using WebDevSync.Agent.Configuration;
using WebDevSync.Json;

namespace WebDevSync.Agent.Hosting;

/// <summary>Start-up: the command line, then the configuration, then the <c>config</c> subcommand or the agent itself.</summary>
public static class AgentProgram
{
    public const int BadConfiguration = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var invocation = CommandLineSyntax.Parse(args, Console.Out, Console.Error);
        if (invocation is Invocation.Done done) return done.ExitCode;
        var cl = ((Invocation.Act)invocation).Args;
        var loaded = ConfigLoader.Load(Inputs(cl));
        if (loaded.Fold(c => (LoadedConfig?)c, _ => null) is not { } config) return Fail(loaded.Fold(_ => (ConfigError)null!, e => e));
        if (cl.Subcommand == "config" || cl.Has("print-config")) { Console.WriteLine(AgentUsage.Config(config)); return 0; }
        if (cl.Subcommand == "list") return KeptList.Print(config.Options.StateDir, config.Options.KeptFileMaxAgeDays, Console.Out);
        if (cl.Subcommand == "ghosttext") return await GhostText.GhostTextRun.RunAsync(config.Options);
        return await AgentRun.RunAsync(config.Options, cl.Replace);
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
}
