namespace WebDevSync.Server.Configuration;

/// <summary>A configuration problem, naming the key, that stops start-up with exit code 2.</summary>
public sealed record ConfigError(string Key, string Problem)
{
    /// <summary>A further problem found in the same pass (all unknown keys are named at once).</summary>
    public ConfigError? Next { get; init; }

    public override string ToString() => $"Invalid configuration: {Key}: {Problem}" + (Next is null ? "" : "\n" + Next);

    /// <summary>The problems chained in order, or null when there are none.</summary>
    public static ConfigError? Chain(IEnumerable<ConfigError> errors) =>
        errors.Reverse().Aggregate((ConfigError?)null, (next, e) => e with { Next = next });
}
