using FsCheck;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>The general scenarios (<see cref="Generators.Scenarios"/>), shrunk by <see cref="Shrinks"/>.</summary>
public static class ScenarioArbitrary
{
    public static Arbitrary<Scenario> Scenario() => Generators.Arbitrary;
}

/// <summary>Scenarios of live editing up close (<see cref="Generators.LiveScenarios"/>).</summary>
public static class LiveScenarioArbitrary
{
    public static Arbitrary<Scenario> Scenario() => Generators.LiveArbitrary;
}

/// <summary>A property over random scenarios of several users (<see cref="ScenarioArbitrary"/>).</summary>
public sealed class ScenarioPropertyAttribute : PropertyAttribute
{
    public ScenarioPropertyAttribute(int cases = Cases.Standard) : base(cases) => Arbitrary = [typeof(ScenarioArbitrary)];
}

/// <summary>A property over random scenarios of one user's live editing (<see cref="LiveScenarioArbitrary"/>).</summary>
public sealed class LiveScenarioPropertyAttribute : PropertyAttribute
{
    public LiveScenarioPropertyAttribute(int cases = Cases.Standard) : base(cases) => Arbitrary = [typeof(LiveScenarioArbitrary)];
}
