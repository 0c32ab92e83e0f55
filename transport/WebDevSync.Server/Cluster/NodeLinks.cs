using System.Buffers;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;
using WebDevSync.Server.Relay;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>Carries out user grains' effects on this node's links, in one switch; the observer other nodes' grains call.</summary>
internal sealed class NodeLinks(LinkRegistry links, RelayStats stats, Lazy<ClusterGate> gate) : INodeLink
{
    public Task DeliverAsync(GrainEffect[] effects)
    {
        Deliver(effects);
        return Task.CompletedTask;
    }

    public void Deliver(IEnumerable<GrainEffect> effects)
    {
        var outermost = OutboundPump.DeferStarts();
        try
        {
            foreach (var effect in effects) Carry(effect);
        }
        finally
        {
            if (outermost) OutboundPump.StartDeferred();
        }
    }

    private void Carry(GrainEffect effect)
    {
        var conn = new ConnId(effect.Conn);
        if (links.Find(conn) is not { } reg) return; // the connection is gone; its Disconnected is on its way
        switch (effect.Kind)
        {
            case GrainEffectKind.Send when ServerMessageDecoder.Decode(effect.Message ?? []) is var decoded && decoded.IsRight:
                var message = (ServerMessage)decoded;
                stats.OnSent(message);
                reg.Link.Deliver(message);
                break;
            case GrainEffectKind.Close:
                reg.Link.Close(LinkClose.From((CloseReason)effect.Value));
                break;
            case GrainEffectKind.Reconnect:
                reg.Link.Close(ClusterGate.NodeGone);
                break;
            case GrainEffectKind.Accepted:
                gate.Value.Accepted(reg, (Role)effect.Value, effect.GrainSilo);
                break;
        }
    }
}
