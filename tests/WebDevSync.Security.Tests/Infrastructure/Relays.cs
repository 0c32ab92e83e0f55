namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>
/// The relay process as these tests run it: with authentication on when given a secret (SESSION_SECRET),
/// and an empty configuration file, so no file on the machine can switch a limit or an origin.
/// </summary>
public static class Relays
{
    private static readonly string EmptyConfig = Path.Combine(RepoPaths.Suite("WebDevSync.Security.Tests"), "empty-config.json");

    /// <summary>On 127.0.0.1 (<paramref name="port"/>, 0: ephemeral), listening once returned.</summary>
    public static Task<RelayProcess> StartAsync(string? secret, IEnumerable<string>? args = null, int port = 0, IReadOnlyDictionary<string, string>? env = null) =>
        RelayProcess.StartAsync(args, Environment(secret, env), port);

    /// <summary>With exactly <paramref name="args"/>, not waited for.</summary>
    public static RelayProcess Launch(string? secret, IReadOnlyList<string> args) => RelayProcess.Launch(args, Environment(secret, null));

    /// <summary>Run to its end: a subcommand, or a start that must fail.</summary>
    public static Task<ProcessResult> RunToExitAsync(string? secret, params string[] args) => RelayProcess.RunToExitAsync(args, Environment(secret, null));

    private static Dictionary<string, string> Environment(string? secret, IReadOnlyDictionary<string, string>? extra)
    {
        var env = new Dictionary<string, string> { ["WEBDEVSYNC_CONFIG"] = EmptyConfig };
        if (secret is not null) env["SESSION_SECRET"] = secret;
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) env[k] = v;
        return env;
    }
}
