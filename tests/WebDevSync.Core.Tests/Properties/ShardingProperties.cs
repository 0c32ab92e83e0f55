using WebDevSync.Core.Partition;
using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>
/// The shipped partition layer (<see cref="Placement"/>, <see cref="PartitionStep"/> with its
/// <see cref="IdClaims"/>) over N routers answers every input exactly as one router does: the same
/// effects to the same sockets, and the same counts. Only the hub's threads and locks are left out.
/// </summary>
public class ShardingProperties
{
    [ScenarioProperty] public void Two_partitions_answer_every_input_as_one_router_does(Scenario scenario) => TwoShardsAgree(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void Four_partitions_answer_every_input_as_one_router_does(Scenario scenario) => FourShardsAgree(ScenarioRunner.Run(scenario));

    [Fact]
    public void The_pool_users_are_spread_over_the_partitions()
    {
        Assert.True(Pools.Users.Select(u => Partitions.OwnerOf(u, 2)).Distinct().Count() == 2);
        Assert.True(Pools.Users.Select(u => Partitions.OwnerOf(u, 4)).Distinct().Count() == 3); // four put each user alone
    }

    internal static void TwoShardsAgree(Trace t) => Agrees(t, 2);

    internal static void FourShardsAgree(Trace t) => Agrees(t, 4);

    private static void Agrees(Trace t, int count)
    {
        var partitioned = new Partitioned(t.Scenario.Options, count);
        EveryFrame(t, f =>
        {
            foreach (var restart in f.RestartsBefore) partitioned.Restart(restart.Saved, restart.NowMs);
            var effects = partitioned.Step(f.Input);
            // A tick's effects come partition by partition, so only their order may differ.
            var same = f.Input is Input.Tick
                ? effects.Select(Describe.Outbound).Order().SequenceEqual(f.Effects.Select(Describe.Outbound).Order())
                : effects.SequenceEqual(f.Effects);
            if (!same) return $"{count} partitions answered otherwise:{string.Concat(effects.Select(e => "\n        " + Describe.Outbound(e)))}";
            var counts = partitioned.States.Select(s => s.Counts()).Aggregate((a, b) =>
                new StatusCounts(a.Browsers + b.Browsers, a.Agents + b.Agents, a.Users + b.Users, a.Sessions + b.Sessions));
            return counts == f.After.Counts() ? null : $"{count} partitions count {counts}, one router {f.After.Counts()}";
        });
    }

    /// <summary>The hub's wiring of the shipped functions, on one thread: placement per socket, the claims threaded through.</summary>
    private sealed class Partitioned(RouterOptions options, int count)
    {
        private RouterState[] _states = [.. Enumerable.Repeat(RouterState.Empty(options), count)];
        private readonly Dictionary<ConnId, Placement> _placements = [];
        private IdClaims _claims = IdClaims.Empty;

        public IReadOnlyList<RouterState> States => _states;

        /// <summary>A restart as the composition root and the shard set do it: the saved table split by user, the claims reconciled.</summary>
        public void Restart(SavedTable saved, long nowMs)
        {
            _states = [.. Restore.Partitioned(options, saved, nowMs, count, u => Partitions.OwnerOf(u, count))];
            _placements.Clear();
            _claims = IdClaims.Empty;
            for (var i = 0; i < count; i++) _claims = _claims.Reconcile(_states[i], u => Partitions.OwnerOf(u, count) == i);
        }

        public ImmutableArray<Effect> Step(Input input) => input switch
        {
            Input.Tick => [.. Enumerable.Range(0, count).SelectMany(i => Apply(i, input))],
            Input.Disconnected d => Gone(d),
            Input.Message m => Apply(Routed(m.Conn, m.Body, m.AuthUser), input),
            Input.Invalid i => Apply(Routed(i.Conn, null, null), input),
            _ => Apply(Routed(ConnOf(input), null, null), input),
        };

        private int Routed(ConnId conn, Protocol.ClientMessage? body, string? authUser)
        {
            var placement = _placements.GetValueOrDefault(conn, Placement.Opened).Route(body, authUser, count);
            _placements[conn] = placement;
            return placement.Target;
        }

        private ImmutableArray<Effect> Gone(Input.Disconnected d)
        {
            var (first, second) = _placements.GetValueOrDefault(d.Conn, Placement.Opened).GoneFrom();
            _placements.Remove(d.Conn);
            return second < 0 ? Apply(first, d) : [.. Apply(first, d), .. Apply(second, d)];
        }

        private ImmutableArray<Effect> Apply(int index, Input input)
        {
            var (t, claims) = PartitionStep.Step(_states[index], _claims, input, index, count);
            (_states[index], _claims) = (t.State, claims);
            foreach (var a in t.Effects.OfType<Effect.Accepted>())
            {
                _placements[a.Conn] = _placements.GetValueOrDefault(a.Conn, Placement.Opened).Accept(index, out var leaves);
                if (leaves >= 0) Apply(leaves, Placement.LeftBehind(a.Conn));
            }
            return t.Effects;
        }

        private static ConnId ConnOf(Input input) => input is Input.Opened o ? o.Conn : throw new ArgumentOutOfRangeException(nameof(input));
    }
}
