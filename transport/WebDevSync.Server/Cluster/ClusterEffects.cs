using System.Collections.Immutable;
using WebDevSync.Core.Cluster;

namespace WebDevSync.Server.Cluster;

/// <summary>Carries out the cluster view's effects, in one switch.</summary>
internal sealed class ClusterEffects(ClusterGate gate, RemoteLinks remotes, Adoptions adoptions)
{
    public void Carry(ImmutableList<ClusterEffect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case ClusterEffect.CloseProxiesTo c:
                    gate.CloseProxiesTo(c.Node);
                    break;
                case ClusterEffect.DropLinksFrom d:
                    remotes.DropFrom(d.Node);
                    break;
                case ClusterEffect.Release r:
                    adoptions.Release(r.UserId);
                    break;
                case ClusterEffect.Reassert r:
                    _ = adoptions.ReassertAsync(r.UserId);
                    break;
            }
        }
    }
}
