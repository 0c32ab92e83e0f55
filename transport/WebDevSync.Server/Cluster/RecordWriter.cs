using WebDevSync.Core.Cluster;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// Writes through, after every step, the record of each user the step changed that this node routes: in
/// step order, under the shard's lock, fire-and-forget (queued on the multiplexer, never waited for).
/// </summary>
internal sealed class RecordWriter(ClusterStore store, ClusterView view)
{
    public void OnStep(RouterState before, Input input, RouterState after)
    {
        var touched = UserRecords.Touched(before, after, input);
        if (touched.IsEmpty) return;
        var adopted = view.State.Adopted;
        foreach (var user in touched)
            if (adopted.Contains(user)) store.Write(UserRecords.Of(after, user));
    }
}
