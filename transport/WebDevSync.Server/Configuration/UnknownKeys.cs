namespace WebDevSync.Server.Configuration;

/// <summary>
/// Refuses what the relay does not know: switches, JSON file keys and <c>WEBDEVSYNC__</c> variables
/// that no setting reads, and stray words on the command line. A misspelt key would otherwise be
/// ignored and the relay would start on defaults without a word (issue 17). Each is named, with the
/// nearest known key as a hint.
/// </summary>
internal static class UnknownKeys
{
    public const string EnvPrefix = "WEBDEVSYNC__";
    public const string TokenCommand = "token";
    private static readonly string[] AlwaysSwitches = ["--config", "--help", "--version"];
    private static readonly string[] TokenSwitches = ["--user", "--ttl", "--admin"];

    public static ConfigError? InArgs(IReadOnlyList<string> args, KeyReader known)
    {
        var subcommand = CommandLineSwitches.Subcommand(args);
        var switches = KnownSwitches(known, subcommand == TokenCommand).ToList();
        var stray = subcommand is null or TokenCommand ? [] : new[] { new ConfigError(subcommand, $"unexpected argument (switches start with --; the only subcommand is {TokenCommand})") };
        return ConfigError.Chain(stray.Concat(CommandLineSwitches.Words(args).Select(w => w switch
        {
            (var word, null) => new ConfigError(word, "unexpected argument (a value needs a switch before it, e.g. --port 9000)"),
            (_, var key) when switches.Contains(CommandLineSwitches.SwitchOf(key!), StringComparer.OrdinalIgnoreCase) => null,
            // A near switch first: --cors-origin is a typo of --cors-origins more likely than a wish to set cors.origin.
            var (typed, key) => new ConfigError(typed, "unknown switch; " + (Nearest.Of(typed, switches) is { } near ? $"did you mean {near}?"
                : NestedKey(key!, known) is { } nested ? $"{Dotted(nested)} has no switch: set it in the file or as {EnvName(nested)}"
                : "--help lists the switches")),
        }).OfType<ConfigError>()));
    }

    public static ConfigError? InFile(string path, IEnumerable<KeyValuePair<string, string?>> entries, KeyReader known) =>
        ConfigError.Chain(entries.Where(e => !IsKnown(e.Key, known)).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e =>
            new ConfigError(Dotted(e.Key), $"unknown key in {path}; " + (Nearest.Of(Dotted(e.Key), known.Known.Select(Dotted)) is { } near
                ? $"did you mean {near}?" : "the README's configuration table lists the keys"))));

    public static ConfigError? InEnvironment(IReadOnlyDictionary<string, string> env, KeyReader known) =>
        ConfigError.Chain(env.Keys.Where(k => k.StartsWith(EnvPrefix, StringComparison.OrdinalIgnoreCase))
            .Where(k => !IsKnown(KeyOfVariable(k), known)).Order(StringComparer.Ordinal).Select(k =>
                new ConfigError(k, "unknown variable; " + (Nearest.Of(KeyOfVariable(k), known.Known) is { } near
                    ? $"did you mean {EnvName(near)}?" : "the README's configuration table lists the keys"))));

    /// <summary><c>WEBDEVSYNC__session__secret</c> is the key <c>session:secret</c>.</summary>
    public static string KeyOfVariable(string variable) => variable[EnvPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);

    private static IEnumerable<string> KnownSwitches(KeyReader known, bool token) =>
        known.Known.Where(k => !k.Contains(':')).Select(CommandLineSwitches.SwitchOf).Concat(AlwaysSwitches).Concat(token ? TokenSwitches : []);

    /// <summary>A configuration path is known when read, inside a list key (<c>cors:origin:0</c>), or a section holding known keys.</summary>
    private static bool IsKnown(string key, KeyReader known) =>
        known.Known.Contains(key)
        || known.Lists.Any(list => key.StartsWith(list + ":", StringComparison.OrdinalIgnoreCase))
        || known.Known.Any(k => k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>--session-secret</c> names <c>session:secret</c>, which has no switch (a secret in argv is visible to every user).</summary>
    private static string? NestedKey(string key, KeyReader known) =>
        known.Known.FirstOrDefault(k => k.Contains(':') && k.Replace(":", "", StringComparison.Ordinal).Equals(key, StringComparison.OrdinalIgnoreCase));

    private static string Dotted(string key) => key.Replace(':', '.');

    private static string EnvName(string key) => EnvPrefix + key.Replace(":", "__", StringComparison.Ordinal);
}
