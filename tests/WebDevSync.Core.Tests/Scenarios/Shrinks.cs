namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>
/// Shrinking for scenarios: drop runs of steps (halves first, then down to single steps), then
/// make clock jumps smaller, then drop the optional settings. Every candidate is still a valid
/// scenario, so FsCheck ends on a short story that still fails.
/// </summary>
public static class Shrinks
{
    public static IEnumerable<Scenario> OfScenario(Scenario s)
    {
        foreach (var steps in RemoveRuns(s.Steps)) yield return s with { Steps = steps };
        foreach (var steps in SmallerDeltas(s.Steps)) yield return s with { Steps = steps };
        if (s.Auth) yield return s with { Auth = false };
        if (s.MaxSessionsPerUser != 256) yield return s with { MaxSessionsPerUser = 256 };
    }

    public static IEnumerable<ImmutableArray<Step>> RemoveRuns(ImmutableArray<Step> steps)
    {
        for (var run = steps.Length / 2; run >= 1; run /= 2)
            for (var at = 0; at + run <= steps.Length; at += run)
                yield return steps.RemoveRange(at, run);
    }

    /// <summary>Each jump is replaced by a smaller one from the generator's own menu.</summary>
    static IEnumerable<ImmutableArray<Step>> SmallerDeltas(ImmutableArray<Step> steps)
    {
        long[] menu = [0, 1_000, 60_000, Scenario.GraceMs + 1_000, Scenario.IdleMs + 1_000];
        for (var i = 0; i < steps.Length; i++)
            foreach (var smaller in menu.Where(d => d < steps[i].DeltaMs))
                yield return steps.SetItem(i, steps[i].WithDelta(smaller));
    }
}
