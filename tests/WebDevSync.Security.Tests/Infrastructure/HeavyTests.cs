namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>Tests that load the machine (fuzz, slow reader, memory bounds) run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class HeavyTests
{
    public const string Name = "heavy";
}
