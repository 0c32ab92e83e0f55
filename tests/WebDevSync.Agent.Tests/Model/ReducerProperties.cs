using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Tests.Properties;
using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

/// <summary>Random runs of events through the reducer; invariants checked after every step.</summary>
public sealed class ReducerProperties
{
    private static readonly string[] SessionIds = ["s-a", "s-b", "s-c"];

    /// <summary>One event, given the step number (time) — attempts and sessions drawn from small pools so they collide.</summary>
    private static readonly Gen<Func<long, AgentEvent>> Event = Gen.OneOf(
        from sid in Gen.Elements(SessionIds) from n in Gen.Choose(0, 3)
        select (Func<long, AgentEvent>)(t => new AgentEvent.Received(1 + (int)(t % 3), new ServerMessage.EditRequest(sid, "code-1", $"SECRET-{n}", "js", "b-1", 0), t)),
        from sid in Gen.Elements(SessionIds) from n in Gen.Choose(0, 3)
        select (Func<long, AgentEvent>)(t => new AgentEvent.FileSaved(sid, $"SECRET-{n}", t)),
        from attempt in Gen.Choose(1, 4) select (Func<long, AgentEvent>)(t => new AgentEvent.LinkOpened(attempt, t)),
        from attempt in Gen.Choose(1, 4) from status in Gen.Elements<int?>(null, 1000, 1001, 4001)
        select (Func<long, AgentEvent>)(t => new AgentEvent.LinkClosed(attempt, "gone", status, 0.5, t)),
        Gen.Constant<Func<long, AgentEvent>>(t => new AgentEvent.Tick(t)),
        from sid in Gen.Elements(SessionIds) select (Func<long, AgentEvent>)(t => new AgentEvent.EditorStarted(sid, "ed", t)),
        from sid in Gen.Elements(SessionIds) from code in Gen.Elements(0, 1, 127) from n in Gen.Choose(0, 4)
        select (Func<long, AgentEvent>)(t => new AgentEvent.EditorExited(sid, code, n == 4 ? null : $"SECRET-{n}", t)),
        from sid in Gen.Elements(SessionIds) select (Func<long, AgentEvent>)(t => new AgentEvent.EditorFailed(sid, "nope", t)),
        from sid in Gen.Elements(SessionIds) select (Func<long, AgentEvent>)(t => new AgentEvent.FileWritten(sid, t)),
        from sid in Gen.Elements(SessionIds) select (Func<long, AgentEvent>)(t => new AgentEvent.FileWriteFailed(sid, "IOException", t)),
        from sid in Gen.Elements(SessionIds)
        select (Func<long, AgentEvent>)(t => new AgentEvent.Received(1 + (int)(t % 3), new ServerMessage.SessionClosed(sid, "code-1", "expired"), t)),
        Gen.Elements<Func<long, AgentEvent>>(
            t => new AgentEvent.Received(1 + (int)(t % 3), new ServerMessage.Pong(), t),
            t => new AgentEvent.OpenAgain(t), t => new AgentEvent.CloseSelected(t), t => new AgentEvent.ReconnectNow(t),
            t => new AgentEvent.MoveSelection(1, t), t => new AgentEvent.ToggleDebug(t),
            t => new AgentEvent.CloseAnswered(t % 2 == 0, t), t => new AgentEvent.SelectIndex((int)(t % 4), t)));

    /// <summary>Runs of events: steps 0..n at uneven, growing times, so timers fire now and then.</summary>
    public static class Runs
    {
        public static Arbitrary<List<AgentEvent>> Events() =>
            Gen.ListOf(Gen.Zip(Event, Gen.Choose(1, 20_000)))
                .Select(steps =>
                {
                    long now = 1_000;
                    return steps.Select(s => s.Item1(now += s.Item2)).Prepend(new AgentEvent.Started(1_000)).ToList();
                })
                .ToArbitrary();
    }

    /// <summary>How many connects failed in a row (1 to 200), and the jitter drawn (0 to 0.999).</summary>
    public static class BackoffInputs
    {
        public static Arbitrary<int> Failures() => Gen.Choose(1, 200).ToArbitrary();

        public static Arbitrary<double> Jitter() => Gen.Choose(0, 999).Select(j => j / 1000.0).ToArbitrary();
    }

    [Property(Cases.Medium, Arbitrary = new[] { typeof(Runs) })]
    public void No_editor_starts_in_the_step_that_asks_for_its_file_nor_after_the_file_failed(List<AgentEvent> events)
    {
        var state = AgentState.Initial(Settings());
        var failed = new HashSet<string>();
        foreach (var e in events)
        {
            var t = AgentReducer.Step(state, e);
            state = t.State;
            var written = t.Effects.OfType<AgentEffect.WriteFile>().Select(w => w.SessionId).ToHashSet();
            var launched = t.Effects.OfType<AgentEffect.LaunchEditor>().Select(l => l.SessionId)
                .Concat(t.Effects.OfType<AgentEffect.OpenGhostText>().Select(g => g.SessionId)).ToList();
            Assert.DoesNotContain(launched, written.Contains);
            Assert.DoesNotContain(launched, failed.Contains);
            if (e is AgentEvent.FileWriteFailed f) failed.Add(f.SessionId);
            failed.ExceptWith(written);
        }
    }

    [Property(Cases.Medium, Arbitrary = new[] { typeof(Runs) })]
    public void Invariants_hold_after_every_step(List<AgentEvent> events)
    {
        var state = AgentState.Initial(Settings());
        foreach (var e in events)
        {
            var before = state;
            var t = AgentReducer.Step(state, e);
            state = t.State;
            var sends = t.Effects.OfType<AgentEffect.Send>().ToList();
            Assert.All(sends, s => Assert.Equal(state.Attempt, s.Attempt));
            if (sends.Count > 0) Assert.True(before.IsConnected || e is AgentEvent.LinkOpened, $"sent while not connected on {e}");
            Assert.DoesNotContain(state.Log, l => l.Text.Contains("SECRET"));
            Assert.Equal(state.Sessions.Count, state.Sessions.Select(x => x.Id).Distinct().Count());
            Assert.Equal(state.Sessions.Count, state.Sessions.Select(x => x.FilePath).Distinct().Count());
            Assert.All(state.Sessions, x => Assert.Equal(TempDir, Path.GetDirectoryName(x.FilePath)));
            if (state.IsConnected) Assert.DoesNotContain(state.Sessions, x => x.Unsent);
            Assert.True(state.Log.Count <= state.Settings.LogCapacity);
            if (e is AgentEvent.LinkOpened && state.IsConnected && !before.IsConnected)
            {
                // After a (re)connect, the browser side gets the newest content of every saved session.
                var updates = sends.Select(s => s.Message).OfType<ClientMessage.CodeUpdate>().ToDictionary(u => u.SessionId, u => u.Code);
                Assert.All(state.Sessions.Where(x => x.Saved), x => Assert.Equal(x.Content, updates[x.Id]));
            }
        }
    }

    /// <summary>
    /// Model check of the state file: after any run, the last snapshot written is exactly what the state
    /// would give now, so an agent killed after any step finds every open session in it, with the hash
    /// of what the tab was last sent.
    /// </summary>
    [Property(Cases.Short, Arbitrary = new[] { typeof(Runs) })]
    public void The_state_file_written_last_always_matches_the_state(List<AgentEvent> events)
    {
        var state = AgentState.Initial(Settings());
        AgentSnapshot? written = null;
        foreach (var e in events)
        {
            var t = AgentReducer.Step(state, e);
            state = t.State;
            written = t.Effects.OfType<AgentEffect.SaveState>().LastOrDefault()?.Snapshot ?? written;
            if (written is null) Assert.Empty(state.Sessions);
            else Assert.True(written.SameAs(AgentSnapshot.Of(state)), $"state file behind the state after {e}");
            Assert.All(state.Sessions.Where(x => !x.Unsent), x => Assert.Equal(ContentHash.Of(x.Content), x.SentHash));
        }
    }

    [Property(Cases.Brief, Arbitrary = new[] { typeof(BackoffInputs) })]
    public bool Backoff_stays_between_750_ms_and_30_s_and_never_shrinks_as_failures_grow(int failures, double jitter) =>
        Backoff.DelayMs(failures, jitter) is >= 750 and <= 30_000
        && (failures > 5 || Backoff.DelayMs(failures + 1, jitter) >= Backoff.DelayMs(failures, jitter));
}
