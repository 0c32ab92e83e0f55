using WebDevSync.Core.Routing;
using WebDevSync.Core.Tests.Scenarios;
using Xunit;
using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>
/// A relay that splits its users over router shards, each told the foreign ids a message names, answers
/// every input exactly as one router does: the same effects to the same sockets, and the same counts.
/// </summary>
public class ShardingProperties
{
    [Fact] public void Two_shards_answer_every_input_as_one_router_does() => ForAllScenarios(TwoShardsAgree);

    [Fact] public void Three_shards_answer_every_input_as_one_router_does() => ForAllScenarios(ThreeShardsAgree);

    internal static void TwoShardsAgree(Trace t) => Agrees(t, 2);

    internal static void ThreeShardsAgree(Trace t) => Agrees(t, 3);

    private static void Agrees(Trace t, int shards)
    {
        var sharded = new ShardedRelay(t.Scenario.Options, shards);
        EveryFrame(t, f =>
        {
            var effects = sharded.Step(f.Input);
            // A tick's effects come shard by shard, so only their order may differ.
            var same = f.Input is Input.Tick
                ? effects.Select(Describe.Outbound).Order().SequenceEqual(f.Effects.Select(Describe.Outbound).Order())
                : effects.SequenceEqual(f.Effects);
            if (!same) return $"{shards} shards answered otherwise:{string.Concat(effects.Select(e => "\n        " + Describe.Outbound(e)))}";
            var counts = sharded.States.Select(s => s.Counts()).Aggregate((a, b) =>
                new StatusCounts(a.Browsers + b.Browsers, a.Desktops + b.Desktops, a.Users + b.Users, a.Sessions + b.Sessions));
            return counts == f.After.Counts() ? null : $"{shards} shards count {counts}, one router {f.After.Counts()}";
        });
    }
}
