using System.Collections.Immutable;

namespace WebDevSync.Agent.Configuration;

/// <summary>
/// The parsed command line as the configuration loader reads it: the subcommand and the switches the
/// user gave (by name, without dashes, values as text). <see cref="CommandLineSyntax"/> produces it.
/// </summary>
public sealed record CommandLine(string? Subcommand, ImmutableDictionary<string, string> Switches)
{
    public static readonly CommandLine Empty = new(null, ImmutableDictionary<string, string>.Empty);

    public bool Has(string name) => Switches.ContainsKey(name);

    /// <summary>The flags that are not configuration keys: they change what the agent does at start only.</summary>
    public bool Replace => Switches.TryGetValue("replace", out var v) && ConfigLoader.IsTrue(v);
}
