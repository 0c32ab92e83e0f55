using System.Collections.Immutable;

namespace WebDevSync.Agent.Model;

/// <summary>
/// At most <c>editorLaunchesPerMinute</c> editors started for pages in any minute (a page sent 60
/// <c>edit_request</c>s in 0.3 s and got 60 editors). A sliding window: the times of the launches of
/// the last minute are kept, and a launch is admitted while fewer than the limit are in it. Pure; the
/// time comes in.
/// </summary>
public static class LaunchBudget
{
    public const long WindowMs = 60_000;

    /// <summary>Whether a launch at <paramref name="nowMs"/> fits, and the launches of the last minute after it.</summary>
    public static (bool Admitted, ImmutableList<long> Recent) Admit(ImmutableList<long> recent, int perMinute, long nowMs)
    {
        var inWindow = recent.RemoveAll(t => t <= nowMs - WindowMs);
        return inWindow.Count < perMinute ? (true, inWindow.Add(nowMs)) : (false, inWindow);
    }
}
