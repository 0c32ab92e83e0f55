using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace WebDevSync.Agent.Configuration;

/// <summary>What the command line asked for: a parsed command line to act on, or output already decided (help, version, an error) and its exit code.</summary>
public abstract record Invocation
{
    private Invocation() { }

    public sealed record Act(CommandLine Args) : Invocation;

    public sealed record Done(int ExitCode) : Invocation;
}

/// <summary>
/// The agent's command line, declared with System.CommandLine: <c>run</c> (the default) and <c>config</c>,
/// one switch per configuration key plus a few flags, generated <c>--help</c>, <c>--version</c> and
/// shell completion (the <c>[suggest]</c> directive). A misspelt switch or a missing value is an
/// error that names it, exit code 2.
/// </summary>
public static class CommandLineSyntax
{
    public const int BadUsage = 2;

    private static readonly ImmutableArray<Option<string>> Values =
        [.. ConfigKeys.All.Where(k => !IsFlag(k)).Select(k => Value(k.Switch, $"{k.Help} (env {k.Env}, key {k.Name})")),
         Value("config", "read only FILE instead of ~/.webdevsync/config.json and $XDG_CONFIG_HOME/webdevsync/config.json (env WEBDEVSYNC_CONFIG)", "FILE")];

    private static readonly ImmutableArray<Option<bool>> Flags =
        [.. ConfigKeys.All.Where(IsFlag).Select(k => Flag(k.Switch, $"{k.Help} (env {k.Env}, key {k.Name})")),
         Flag("no-tmux", "open terminal editors in this terminal even inside tmux"),
         Flag("no-live", "save-based only: typing reaches the page on save, also in nvim and vim"),
         Flag("replace", "stop the agent of this user and relay that already runs here, then start"),
         Flag("print-config", "same as the config subcommand")];

    private static bool IsFlag(ConfigKey k) => k == ConfigKeys.Debug || k == ConfigKeys.Headless || k == ConfigKeys.UseTmux || k == ConfigKeys.LiveEditing;

    private static Option<string> Value(string name, string help, string? valueName = null) =>
        new($"--{name}") { Description = help, HelpName = valueName ?? "VALUE", Recursive = true };

    private static Option<bool> Flag(string name, string help) => new($"--{name}") { Description = help, Recursive = true };

    public static RootCommand Build()
    {
        var root = new RootCommand("webdevsync-agent: open browser textareas in your own editor and send every save back.\n"
            + $"Editor templates: {EditorHelp}\nExit codes: 0 done, 1 failure, 2 bad usage or configuration, or another agent of this user and relay runs, 3 refused by the relay in a way retrying cannot fix (headless).");
        root.HelpName = "webdevsync-agent";
        foreach (var o in Values) root.Options.Add(o);
        foreach (var o in Flags) root.Options.Add(o);
        root.Subcommands.Add(new Command("run", "run the agent: the full-screen UI, or log lines when headless (the default)"));
        root.Subcommands.Add(new Command("config", "print the effective configuration and where each value came from"));
        root.Subcommands.Add(new Command("list", "list the kept files: the text of sessions whose tab was gone, or whose agent quit, while an editor had them"));
        root.Subcommands.Add(new Command("ghosttext", "serve the GhostText extension on 127.0.0.1 (--ghosttext-port, default 4001): each field it opens is edited through the relay by your agent"));
        // The commands' own actions are never invoked (the agent acts on the parse); having one marks
        // a command line that is the agent's to act on, as opposed to help, version or an error.
        root.SetAction(_ => 0);
        foreach (var c in root.Subcommands) c.SetAction(_ => 0);
        return root;
    }

    public const string EditorHelp = "\"vim {file}\", \"code --wait {file}\", \"subl -w {file}\"; without {file} the path is appended; ghosttext[:PORT] opens the field in a running editor's GhostText plugin.";

    /// <summary>Parses <paramref name="args"/>; help, version and completions are written to <paramref name="output"/>, errors to <paramref name="error"/>.</summary>
    public static Invocation Parse(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var root = Build();
        var result = root.Parse(args.Count > 0 && args[0] == "help" ? ["--help", .. args.Skip(1)] : args);
        // Help, version and [suggest] completions answer by themselves; help also over other mistakes.
        if (result.Action is HelpAction || (result.Errors.Count == 0 && result.Action != result.CommandResult.Command.Action))
            return new Invocation.Done(result.Invoke(new InvocationConfiguration { Output = output, Error = error }));
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors) error.WriteLine($"webdevsync-agent: {e.Message}");
            var known = Values.Select(o => o.Name).Concat(Flags.Select(o => o.Name)).ToList();
            foreach (var typed in result.UnmatchedTokens.Where(t => t.StartsWith("--", StringComparison.Ordinal)))
                if (NearestSwitch.Of(typed, known) is { } near) error.WriteLine($"webdevsync-agent: {typed.Split('=', 2)[0]}: did you mean {near}?");
            error.WriteLine("webdevsync-agent: see --help");
            return new Invocation.Done(BadUsage);
        }
        var switches = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var o in Values)
            if (result.GetResult(o) is { Implicit: false } r) switches[o.Name[2..]] = r.GetValueOrDefault<string>() ?? "";
        foreach (var o in Flags)
            if (result.GetResult(o) is { Implicit: false } r) switches[o.Name[2..]] = r.GetValueOrDefault<bool>() ? "true" : "false";
        var sub = result.CommandResult.Command == root ? null : result.CommandResult.Command.Name;
        return new Invocation.Act(new CommandLine(sub, switches.ToImmutable()));
    }
}
