using System.Collections.Immutable;

namespace WebDevSync.Agent.Configuration;

/// <summary>The parsed command line: an optional subcommand and switches by name (without dashes).</summary>
public sealed record CommandLine(string? Subcommand, ImmutableDictionary<string, string> Switches)
{
    /// <summary>Switches that take a value, and the flags that do not.</summary>
    public static readonly ImmutableHashSet<string> ValueSwitches = ImmutableHashSet.Create(
        "url", "user", "editor", "editor-mode", "token", "temp-max-age-minutes", "max-file-bytes", "heartbeat-seconds", "temp-dir", "config");

    public static readonly ImmutableHashSet<string> Flags = ImmutableHashSet.Create(
        "debug", "headless", "no-tmux", "use-tmux", "help", "version", "print-config");

    public static readonly ImmutableHashSet<string> Subcommands = ImmutableHashSet.Create("run", "config", "help");

    public bool Has(string name) => Switches.ContainsKey(name);

    /// <summary>
    /// <c>--url ws://…</c>, <c>--url=ws://…</c>, flags such as <c>--debug</c> (or <c>--debug=false</c>), and one subcommand.
    /// </summary>
    public static LanguageExt.Either<ConfigError, CommandLine> Parse(IReadOnlyList<string> args)
    {
        var switches = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        string? sub = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "-?") { switches["help"] = "true"; continue; }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (sub is not null || !Subcommands.Contains(arg)) return new ConfigError(arg, "unknown argument (see --help)");
                sub = arg;
                continue;
            }
            var body = arg[2..];
            var eq = body.IndexOf('=');
            var name = eq >= 0 ? body[..eq] : body;
            if (ValueSwitches.Contains(name))
            {
                if (eq >= 0) switches[name] = body[(eq + 1)..];
                else if (i + 1 < args.Count) switches[name] = args[++i];
                else return new ConfigError($"--{name}", "needs a value");
            }
            else if (Flags.Contains(name)) switches[name] = eq >= 0 ? body[(eq + 1)..] : "true";
            else return new ConfigError($"--{name}", "unknown switch (see --help)");
        }
        return new CommandLine(sub, switches.ToImmutable());
    }
}
