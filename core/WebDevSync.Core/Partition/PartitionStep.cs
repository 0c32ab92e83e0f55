using System.Diagnostics;
using WebDevSync.Core.Routing;

namespace WebDevSync.Core.Partition;

/// <summary>
/// One partition's router step with the claims all partitions share: a message's ids are claimed, the
/// router is told which are foreign, and the ids it named that its user does not hold afterwards are
/// released; a gone connection releases its client id unless still held; a tick reconciles this
/// partition's claims. Pure: a caller that finds the claims changed meanwhile runs it again.
/// </summary>
public static class PartitionStep
{
    public static (Transition Result, IdClaims Claims) Step(RouterState partition, IdClaims claims, Input input, int index, int count) => input switch
    {
        Input.Message m => OnMessage(partition, claims, m),
        Input.Disconnected d => OnGone(partition, claims, d),
        Input.Tick => Reconciled(Router.Step(partition, input), claims, index, count),
        // Neither claims nor releases an id: the router alone decides.
        Input.Opened or Input.Invalid => (Router.Step(partition, input), claims),
        _ => throw new UnreachableException(input.GetType().Name),
    };

    private static (Transition, IdClaims) OnMessage(RouterState partition, IdClaims claims, Input.Message m)
    {
        if (IdClaims.ClaimantOf(partition, m) is not { } user) return (Router.Step(partition, m), claims);
        var (claimed, foreign) = claims.Claim(m.Body, user);
        // Ids another node's user holds arrive on the input; this node's partitions add theirs.
        var t = Router.Step(partition, foreign is null ? m : m with { Foreign = ForeignIds.Union(m.Foreign, foreign) });
        return (t, claimed.Settle(m.Body, user, partition, t.State));
    }

    private static (Transition, IdClaims) OnGone(RouterState partition, IdClaims claims, Input.Disconnected d)
    {
        var t = Router.Step(partition, d);
        return partition.Connections.GetValueOrDefault(d.Conn) is { } conn ? (t, claims.SettleClient(conn.ClientId, conn.UserId, t.State)) : (t, claims);
    }

    private static (Transition, IdClaims) Reconciled(Transition t, IdClaims claims, int index, int count) =>
        (t, claims.Reconcile(t.State, user => Partitions.OwnerOf(user, count) == index));
}
