using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Tests.Properties;
using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

/// <summary>The launch budget (issue 22 item 4): no more than the limit per minute, and nothing refused below it.</summary>
public sealed class LaunchBudgetProperties
{
    /// <summary>Request times: gaps from none (a burst) to over a minute, so windows fill, slide and empty.</summary>
    public static class Bursts
    {
        public static Arbitrary<long[]> Times() =>
            Gen.ListOf(Gen.Frequency((4, Gen.Constant(0)), (4, Gen.Choose(1, 5_000)), (1, Gen.Choose(50_000, 70_000))))
                .Select(gaps => gaps.Aggregate(new List<long>(), (acc, g) => { acc.Add((acc.Count == 0 ? 0 : acc[^1]) + g); return acc; }).ToArray())
                .ToArbitrary();
    }

    private static List<(long At, bool Admitted)> Decide(long[] times, int perMinute)
    {
        var recent = ImmutableList<long>.Empty;
        var decided = new List<(long, bool)>();
        foreach (var t in times)
        {
            (var admitted, recent) = LaunchBudget.Admit(recent, perMinute, t);
            decided.Add((t, admitted));
        }
        return decided;
    }

    [Property(Cases.Standard, Arbitrary = new[] { typeof(Bursts) })]
    public bool No_minute_holds_more_launches_than_the_limit(long[] times, PositiveInt limit)
    {
        var perMinute = 1 + limit.Get % 12;
        var admitted = Decide(times, perMinute).Where(d => d.Admitted).Select(d => d.At).ToList();
        return admitted.All(t => admitted.Count(u => u > t - LaunchBudget.WindowMs && u <= t) <= perMinute);
    }

    [Property(Cases.Standard, Arbitrary = new[] { typeof(Bursts) })]
    public bool A_launch_is_refused_only_when_the_last_minute_already_holds_the_limit(long[] times, PositiveInt limit)
    {
        var perMinute = 1 + limit.Get % 12;
        var decided = Decide(times, perMinute);
        return decided.Select((d, i) => (d, i)).Where(x => !x.d.Admitted).All(x =>
            decided.Take(x.i).Count(p => p.Admitted && p.At > x.d.At - LaunchBudget.WindowMs) >= perMinute);
    }

    [Property(Cases.Short)]
    public bool A_burst_of_page_requests_starts_the_limit_and_refuses_the_rest_to_the_tab(PositiveInt extra, PositiveInt limit)
    {
        var perMinute = 1 + limit.Get % 12;
        var more = extra.Get % 30;
        var state = Connected(Settings() with { EditorLaunchesPerMinute = perMinute });
        var t = Run(state, [.. Enumerable.Range(0, perMinute + more).Select(i => (AgentEvent)Receive(Request($"s-{i}"), 2_000 + i))]);
        var refused = t.Sent().OfType<ClientMessage.SessionClosed>().Where(c => c.Reason == "launch_budget").ToList();
        return t.Effects.OfType<AgentEffect.LaunchEditor>().Count() == perMinute
               && refused.Count == more
               && t.State.Sessions.Count == perMinute
               && t.State.LogText().Count(l => l.StartsWith("launch_refused", StringComparison.Ordinal)) == more;
    }

    [Fact]
    public void Sixty_requests_in_a_third_of_a_second_start_ten_editors_the_screen_says_so_and_the_next_minute_starts_more()
    {
        var t = Run(Connected(), [.. Enumerable.Range(0, 60).Select(i => (AgentEvent)Receive(Request($"s-{i}"), 2_000 + i * 5))]);
        Assert.Equal(10, t.Effects.OfType<AgentEffect.LaunchEditor>().Count());
        Assert.Contains(t.State.Log, l => l.Level == LogLevel.Error && l.Text.Contains("editorLaunchesPerMinute", StringComparison.Ordinal));

        var screen = WebDevSync.Agent.Views.ViewModel.From(t.State, TimeZoneInfo.Utc);
        Assert.Contains(screen.Log, l => l.Level == LogLevel.Error && l.Text.StartsWith("launch_refused s-59 already 10 editors", StringComparison.Ordinal));

        var later = Run(t.State, Receive(Request("s-later"), 2_000 + LaunchBudget.WindowMs + 1));
        Assert.Single(later.Effects.OfType<AgentEffect.LaunchEditor>());
    }

    [Fact]
    public void A_page_reopening_a_session_beyond_the_budget_gets_its_text_written_but_no_editor_and_o_still_opens_it()
    {
        var opened = Run(Connected(Settings() with { EditorLaunchesPerMinute = 1 }), Receive(Request("s-a"), 2_000)).State;
        // Its editor has gone (a GUI editor that handed the file over) while the session stays.
        var idle = opened.Put(opened.Find("s-a")! with { RunningEditors = 0, Phase = SessionPhase.Detached });

        var again = Run(idle, Receive(Request("s-a", "new text"), 3_000));
        Assert.Empty(again.Effects.OfType<AgentEffect.LaunchEditor>());
        Assert.Contains(again.Effects, e => e is AgentEffect.WriteFile { Content: "new text" });
        Assert.Contains(again.State.LogText(), l => l.StartsWith("launch_refused s-a", StringComparison.Ordinal) && l.EndsWith("press o to open it", StringComparison.Ordinal));

        var byHand = Run(again.State, new AgentEvent.OpenAgain(3_100));
        Assert.Single(byHand.Effects.OfType<AgentEffect.LaunchEditor>());
    }
}
