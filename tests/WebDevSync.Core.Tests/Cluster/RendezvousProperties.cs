using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Core.Cluster;
using Xunit;

namespace WebDevSync.Core.Tests.Cluster;

/// <summary>Rendezvous hashing: every node computes the same owner, users spread evenly, and a membership change moves as few users as it can.</summary>
public class RendezvousProperties
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static Arbitrary<(string[] Nodes, string User)> NodesAndUser { get; } = Gen.Zip(
            Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Gen.Elements("a", "b", "c", "d", "e", "f", "g", "h", "node-1", "node-2", "x-9"), n)).Select(ns => ns.Distinct().ToArray()),
            ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get))
        .ToArbitrary();

    [Fact]
    public void The_owner_is_a_live_node_whatever_order_the_nodes_are_listed_in() => Check.One(Quick, Prop.ForAll(NodesAndUser, t =>
    {
        var owner = Rendezvous.OwnerOf(t.User, t.Nodes);
        return t.Nodes.Contains(owner) && owner == Rendezvous.OwnerOf(t.User, t.Nodes.Reverse()) && owner == Rendezvous.OwnerOf(t.User, t.Nodes.Order());
    }));

    [Fact]
    public void A_node_leaving_moves_only_its_own_users() => Check.One(Quick, Prop.ForAll(NodesAndUser, t =>
    {
        var owner = Rendezvous.OwnerOf(t.User, t.Nodes)!;
        return t.Nodes.Where(n => n != owner).All(leaving => Rendezvous.OwnerOf(t.User, t.Nodes.Where(n => n != leaving)) == owner);
    }));

    [Fact]
    public void A_node_joining_takes_users_only_to_itself() => Check.One(Quick, Prop.ForAll(NodesAndUser, t =>
    {
        var owner = Rendezvous.OwnerOf(t.User, t.Nodes)!;
        var after = Rendezvous.OwnerOf(t.User, [.. t.Nodes, "joiner"]);
        return after == owner || after == "joiner";
    }));

    [Fact]
    public void No_nodes_means_no_owner() => Assert.Null(Rendezvous.OwnerOf("alice", []));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Users_spread_evenly_over_the_nodes(int nodes)
    {
        var ids = Enumerable.Range(0, nodes).Select(i => $"host-{4000 + i}-a1b2c{i}").ToArray();
        var shares = Enumerable.Range(0, 6000).Select(i => Rendezvous.OwnerOf($"user-{i}@example.com", ids)!).CountBy(o => o).ToDictionary();
        Assert.All(ids, id => Assert.InRange(shares.GetValueOrDefault(id), 6000 / nodes * 8 / 10, 6000 / nodes * 12 / 10));
    }
}
