using System.Text;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>
/// A run of steps from several users. With <see cref="Auth"/> every message carries the slot owner's
/// verified user (as a token would), so a socket claiming another user must be refused.
/// </summary>
public sealed record Scenario(bool Auth, int MaxSessionsPerUser, ImmutableArray<Step> Steps)
{
    /// <summary>The scenario clock starts here (Unix ms), far from zero so age arithmetic is realistic.</summary>
    public const long StartMs = 1_700_000_000_000;

    public const long GraceMs = 300_000;
    public const long IdleMs = 600_000;
    public const long MaxAgeMs = 3_600_000;
    public const int MaxCodeBytes = 40;

    public static Scenario Of(params Step[] steps) => new(false, 256, [.. steps]);

    public static Scenario Authenticated(params Step[] steps) => new(true, 256, [.. steps]);

    public RouterOptions Options => new()
    {
        GracePeriodMs = GraceMs,
        IdleTimeoutMs = IdleMs,
        SessionMaxAgeMs = MaxAgeMs,
        MaxCodeBytes = MaxCodeBytes,
        MaxSessionsPerUser = MaxSessionsPerUser,
    };

    /// <summary>One line per step with the time it happens, so a shrunk counterexample reads as a story.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"Scenario (auth={(Auth ? "on" : "off")}, maxSessionsPerUser={MaxSessionsPerUser}, {Steps.Length} steps):");
        long at = 0;
        for (var i = 0; i < Steps.Length; i++)
        {
            at += Steps[i].DeltaMs;
            text.Append($"\n  {i + 1,3}. t={Clock(at),-10} {Steps[i]}");
        }
        return text.ToString();
    }

    public static string Clock(long ms) =>
        ms >= 3_600_000 ? $"{ms / 3_600_000}h{ms % 3_600_000 / 60_000}m{ms % 60_000 / 1000}s"
        : ms >= 60_000 ? $"{ms / 60_000}m{ms % 60_000 / 1000}s"
        : $"{ms / 1000}.{ms % 1000:000}s";
}
