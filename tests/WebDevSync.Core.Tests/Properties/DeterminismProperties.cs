using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>The step function is a function: the same inputs give the same effects and an equal state.</summary>
public class DeterminismProperties
{
    [ScenarioProperty] public void The_same_inputs_twice_give_the_same_effects_and_equal_states(Scenario scenario) => SameTwice(ScenarioRunner.Run(scenario));

    internal static void SameTwice(Trace first)
    {
        var second = ScenarioRunner.Run(first.Scenario);
        EveryFrame(first, f =>
        {
            var i = first.Frames.IndexOf(f);
            var g = second.Frames[i];
            if (f.Input != g.Input && Describe.Inbound(f.Input) != Describe.Inbound(g.Input)) return "the runner realised a different input";
            if (!f.Effects.SequenceEqual(g.Effects))
                return $"second run's effects differ:{string.Concat(g.Effects.Select(e => "\n        " + Describe.Outbound(e)))}";
            return Canonical.Of(f.After) == Canonical.Of(g.After) ? null : $"second run's state differs:\n{Canonical.Of(f.After)}---\n{Canonical.Of(g.After)}";
        });
    }
}
