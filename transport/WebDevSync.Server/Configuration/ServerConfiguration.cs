using LanguageExt;
using Microsoft.Extensions.Configuration;

namespace WebDevSync.Server.Configuration;

/// <summary>
/// Merges the sources in order of precedence: built-in defaults &lt; the JSON file
/// (<c>/etc/web-dev-sync-server.conf</c>, or <c>--config</c> / <c>WEBDEVSYNC_CONFIG</c>) &lt; environment
/// (<c>PORT</c>, <c>CORS_ORIGINS</c>, <c>DEBUG</c>, <c>SESSION_SECRET</c>, <c>WEBDEVSYNC__key</c>) &lt; switches.
/// </summary>
public static class ServerConfiguration
{
    public const string DefaultFile = "/etc/web-dev-sync-server.conf";
    private const string EnvPrefix = UnknownKeys.EnvPrefix;

    public static Either<ConfigError, ServerOptions> Load(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        var switches = CommandLineSwitches.Parse(args);
        var named = switches.GetValueOrDefault("config") ?? env.GetValueOrDefault("WEBDEVSYNC_CONFIG");
        var path = named ?? DefaultFile;
        if (named is not null && !File.Exists(path)) return new ConfigError("config", $"file not found: {path}");

        try
        {
            var file = new ConfigurationBuilder();
            if (File.Exists(path)) file.AddJsonFile(path, optional: false, reloadOnChange: false);
            var fromFile = file.Build();
            // Unknown keys first: a misspelt key is the likelier cause of any other complaint.
            if (ConfigError.Chain(new[]
                {
                    UnknownKeys.InArgs(args, OptionsBinder.Known),
                    UnknownKeys.InFile(path, fromFile.AsEnumerable(), OptionsBinder.Known),
                    UnknownKeys.InEnvironment(env, OptionsBinder.Known),
                }.OfType<ConfigError>().SelectMany(Flatten)) is { } unknown) return unknown;

            var builder = new ConfigurationBuilder().AddConfiguration(fromFile);
            builder.AddInMemoryCollection(SeedEnvironment(env));
            builder.AddInMemoryCollection(env.Where(e => e.Key.StartsWith(EnvPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(e => KeyValuePair.Create(UnknownKeys.KeyOfVariable(e.Key), (string?)e.Value)));
            builder.AddInMemoryCollection(switches.Where(s => s.Key is not ("config" or "help" or "version")));
            return OptionsBinder.Bind(builder.Build());
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            return new ConfigError("config", $"{path} is not valid JSON: {e.InnerException?.Message ?? e.Message}");
        }
    }

    private static IEnumerable<ConfigError> Flatten(ConfigError e)
    {
        for (ConfigError? x = e; x is not null; x = x.Next) yield return x with { Next = null };
    }

    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);

    /// <summary>The seed's plain environment variables, mapped onto configuration keys.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> SeedEnvironment(IReadOnlyDictionary<string, string> env)
    {
        (string Env, string Key)[] map = [("PORT", "port"), ("CORS_ORIGINS", "cors:origin"), ("SESSION_SECRET", "session:secret")];
        var plain = map.Where(m => env.ContainsKey(m.Env)).Select(m => KeyValuePair.Create(m.Key, (string?)env[m.Env]));
        // The seed reads DEBUG as `process.env.DEBUG === 'true'` (we also take 1 and yes); other values,
        // such as DEBUG=express:* set for Node tools, mean off rather than a start-up error.
        return env.TryGetValue("DEBUG", out var debug)
            ? plain.Append(KeyValuePair.Create("debug", (string?)(debug.ToLowerInvariant() is "true" or "1" or "yes" ? "true" : "false")))
            : plain;
    }
}
