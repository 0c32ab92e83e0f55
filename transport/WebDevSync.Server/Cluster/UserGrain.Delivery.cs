using Orleans.Runtime;
using WebDevSync.Core.Routing;
using WebDevSync.Json;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>A user grain's effects, carried to the nodes that hold the links; the time that passes for it.</summary>
internal sealed partial class UserGrain
{
    /// <summary>
    /// One batch per node, in the step's order; all delivered before the next step starts (the grain is not
    /// reentrant), so a link gets its messages in the order the router made them. Awaited, not one-way: Orleans
    /// does not order one-way messages between two nodes (they may take either of the two nodes' connections),
    /// and tried one-way, a tab got seq 137 before 136 in the node-kill fault test. A node that cannot be
    /// reached is gone: its connections are disconnected in the router.
    /// </summary>
    private async Task DeliverAsync(IReadOnlyList<Effect> effects)
    {
        var addressed = new List<((SiloAddress, INodeLink), GrainEffect)>(effects.Count);
        foreach (var effect in effects)
        {
            var (conn, wire) = WireOf(effect);
            if (_links.TryGetValue(conn, out var link)) addressed.Add((link, wire));
        }
        await DeliverAsync(addressed);
    }

    private async Task DeliverAsync(IReadOnlyList<((SiloAddress Silo, INodeLink Node) Link, GrainEffect Effect)> effects)
    {
        if (effects.Count == 0) return;
        var batches = new Dictionary<SiloAddress, (INodeLink Node, List<GrainEffect> Effects)>();
        foreach (var (link, wire) in effects)
        {
            if (!batches.TryGetValue(link.Silo, out var batch)) batches[link.Silo] = batch = (link.Node, []);
            batch.Effects.Add(wire);
        }
        var unreachable = new List<SiloAddress>();
        await Task.WhenAll(batches.Select(async kv =>
        {
            if (kv.Key.Equals(local.Silo))
            {
                local.Links.Deliver(kv.Value.Effects); // this node: no message, the same order
                return;
            }
            try
            {
                await kv.Value.Node.DeliverAsync([.. kv.Value.Effects]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ClusterLog.NodeUnreachable(log, kv.Key.ToString(), e.GetType().Name);
                lock (unreachable) unreachable.Add(kv.Key);
            }
        }));
        foreach (var silo in unreachable) await DropNodeAsync(silo);
    }

    private (ConnId Conn, GrainEffect Wire) WireOf(Effect effect) => effect switch
    {
        Effect.Send s => (s.To, new GrainEffect(GrainEffectKind.Send, s.To.Value, ServerMessageEncoder.ToBytes(s.Message), 0, null)),
        Effect.Close c => (c.Conn, new GrainEffect(GrainEffectKind.Close, c.Conn.Value, null, (int)c.Reason, null)),
        Effect.Accepted a => (a.Conn, new GrainEffect(GrainEffectKind.Accepted, a.Conn.Value, null, (int)a.Role, local.Silo)),
        _ => throw new InvalidOperationException(effect.GetType().Name),
    };

    /// <summary>A node is gone (dead in the membership, or unreachable): its connections are gone too.</summary>
    private async Task DropNodeAsync(SiloAddress silo)
    {
        var gone = _links.Where(kv => kv.Value.Silo.Equals(silo)).Select(kv => kv.Key).ToList();
        foreach (var conn in gone) _links.Remove(conn);
        foreach (var conn in gone) await RunAsync(new Input.Disconnected(conn, NowMs));
    }

    /// <summary>Clean-up (grace periods, session age, idle links), nodes that died, the changes written behind; an empty user lets the activation go.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var silo in _links.Values.Select(l => l.Silo).Distinct().Where(s => snapshot.GetSiloStatus(s) == SiloStatus.Dead).ToList())
            await DropNodeAsync(silo);
        await RunAsync(new Input.Tick(NowMs));
        await FlushAsync();
        if (_state.User(UserId).IsEmpty && _state.Connections.IsEmpty && !_unwritten) DeactivateOnIdle();
    }
}
