using System.Reflection;

namespace WebDevSync.Server.Configuration;

/// <summary><c>--help</c> and <c>--version</c>, answered before any configuration is read.</summary>
internal static class Usage
{
    /// <summary>The text to print for <c>--help</c> or <c>--version</c>, or null to go on.</summary>
    public static string? Answer(IReadOnlyList<string> args) =>
        args.Contains("--help") || args.Contains("-h") ? Help()
        : args.Contains("--version") ? Version
        : null;

    /// <summary>The informational version (Directory.Build.props), without the source revision suffix.</summary>
    public static string Version =>
        typeof(Usage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static string Help()
    {
        var switches = OptionsBinder.Known.Known.Where(k => !k.Contains(':')).Select(CommandLineSwitches.SwitchOf).Order(StringComparer.Ordinal);
        return $"""
            WebDevSync relay {Version}
            Usage: WebDevSync.Server [--<key> <value> | --<flag>]...
                   WebDevSync.Server token --user ID [--ttl 30d] [--admin]
            Configuration: the JSON file {ServerConfiguration.DefaultFile} (or --config FILE), then
            WEBDEVSYNC__<key> variables, then switches. Unknown keys are refused (exit code 2).
            Switches: {string.Join(" ", switches)}
            Also: --config FILE, --help, --version. The README's configuration table says what each key does.
            """;
    }
}
