using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Core.Cluster;
using Xunit;

namespace WebDevSync.Core.Tests.Cluster;

/// <summary>A node's cluster view over random membership changes: it only routes users it owns, and tells exactly the gone nodes' connections to go.</summary>
public class ClusterStepProperties
{
    private const long Ttl = 5000;
    private static readonly string[] Pool = ["self", "n1", "n2", "n3", "n4"];
    private static readonly string[] Users = [.. Enumerable.Range(0, 40).Select(i => $"u{i}")];

    private abstract record Event
    {
        public sealed record Observe(string[] Alive, bool SelfExpired) : Event;
        public sealed record Lose : Event;
        public sealed record Adopt(string User) : Event;
        public sealed record Wait(long Ms) : Event;
    }

    private static readonly Gen<Event> Events = Gen.OneOf(
        Gen.Zip(Gen.SubListOf(Pool), Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))).Select(t => (Event)new Event.Observe([.. t.Item1], t.Item2)),
        Gen.Constant((Event)new Event.Lose()),
        Gen.Elements(Users).Select(u => (Event)new Event.Adopt(u)),
        Gen.Elements(100L, 1000L, 6000L).Select(ms => (Event)new Event.Wait(ms)));

    private static readonly Arbitrary<Event[]> Runs = Gen.ArrayOf(Events).ToArbitrary();

    [Fact]
    public void A_node_routes_only_users_it_owns_and_releases_each_user_that_moved() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Runs, events =>
    {
        var s = ClusterState.Start("self");
        var now = 1_000_000L;
        foreach (var e in events)
        {
            if (e is Event.Wait w) { now += w.Ms; continue; }
            ClusterInput input = e switch
            {
                Event.Observe o => new ClusterInput.Observed([.. o.Alive], now, o.SelfExpired),
                Event.Lose => new ClusterInput.StoreLost(now),
                Event.Adopt a => new ClusterInput.Adopted(a.User),
                _ => throw new InvalidOperationException(),
            };
            var (next, effects) = ClusterStep.Step(s, input, Ttl);
            var released = effects.OfType<ClusterEffect.Release>().Select(r => r.UserId).ToHashSet();
            var gone = s.Nodes.Except(next.Nodes).ToHashSet();
            if (!next.Nodes.Contains("self")) return false;
            if (next.Adopted.Any(u => next.OwnerOf(u) != "self")) return false; // never routes another node's user
            if (released.Overlaps(next.Adopted)) return false;
            if (input is ClusterInput.Observed && !released.SetEquals(s.Adopted.Except(next.Adopted))) return false; // what it stops routing it releases
            var reasserted = effects.OfType<ClusterEffect.Reassert>().Select(r => r.UserId).ToHashSet();
            if (input is ClusterInput.Observed { SelfExpired: true } && !reasserted.SetEquals(next.Adopted)) return false; // taken for dead: checks every user it kept
            if (reasserted.Overlaps(released)) return false;
            if (!effects.OfType<ClusterEffect.CloseProxiesTo>().Select(c => c.Node).ToHashSet().SetEquals(gone)) return false;
            if (!effects.OfType<ClusterEffect.DropLinksFrom>().Select(c => c.Node).ToHashSet().SetEquals(gone)) return false;
            s = next;
        }
        return true;
    }));

    [Fact]
    public void A_connect_is_routed_here_only_for_a_user_this_node_owns_and_refused_while_the_store_is_down()
    {
        var s = ClusterStep.Step(ClusterState.Start("self"), new ClusterInput.Observed(["self", "n1", "n2"], 0), Ttl).State;
        foreach (var user in Users)
        {
            var route = ClusterStep.RouteConnect(s, user, fromAnotherNode: false);
            Assert.Equal(s.OwnerOf(user) == "self" ? new ConnectRoute.AdoptFirst() : new ConnectRoute.Proxy(s.OwnerOf(user)), route);
            Assert.IsNotType<ConnectRoute.Proxy>(ClusterStep.RouteConnect(s, user, fromAnotherNode: true)); // proxied here once: never again
        }
        var down = ClusterStep.Step(s, new ClusterInput.StoreLost(10), Ttl).State;
        Assert.All(Users, u => Assert.IsType<ConnectRoute.Refuse>(ClusterStep.RouteConnect(down, u, false)));
    }

    [Fact]
    public void A_node_cut_off_from_the_store_longer_than_a_heartbeat_lives_reasserts_every_user_when_it_is_back()
    {
        var s = ClusterState.Start("self");
        foreach (var u in Users) s = ClusterStep.Step(s, new ClusterInput.Adopted(u), Ttl).State;
        var down = ClusterStep.Step(s, new ClusterInput.StoreLost(0), Ttl).State;
        var (brief, none) = ClusterStep.Step(down, new ClusterInput.Observed(["self"], Ttl - 1), Ttl);
        Assert.Empty(none);
        Assert.Equal(Users.Length, brief.Adopted.Count);
        var (back, reasserted) = ClusterStep.Step(down, new ClusterInput.Observed(["self"], Ttl), Ttl);
        Assert.Equal(Users.Length, back.Adopted.Count);
        Assert.Equal(Users.Order(), reasserted.OfType<ClusterEffect.Reassert>().Select(r => r.UserId).Order());
        // A user another live node took meanwhile is given up.
        var (after, released) = ClusterStep.Step(back, new ClusterInput.LeaseLost(Users[0]), Ttl);
        Assert.DoesNotContain(Users[0], after.Adopted);
        Assert.Equal([new ClusterEffect.Release(Users[0])], released);
    }

    [Fact]
    public void An_adoption_that_finishes_after_the_user_moved_is_released()
    {
        var s = ClusterStep.Step(ClusterState.Start("self"), new ClusterInput.Observed(["self", "n1"], 0), Ttl).State;
        var foreign = Users.First(u => s.OwnerOf(u) == "n1");
        var (next, effects) = ClusterStep.Step(s, new ClusterInput.Adopted(foreign), Ttl);
        Assert.DoesNotContain(foreign, next.Adopted);
        Assert.Equal([new ClusterEffect.Release(foreign)], effects);
    }
}
