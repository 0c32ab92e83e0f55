namespace WebDevSync.Server.Configuration;

/// <summary>A configuration problem, naming the key, that stops start-up with exit code 2.</summary>
public sealed record ConfigError(string Key, string Problem)
{
    public override string ToString() => $"Invalid configuration: {Key}: {Problem}";
}
