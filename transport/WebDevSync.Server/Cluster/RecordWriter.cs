using WebDevSync.Core.Cluster;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// Writes through, after every step, the record of each user the step changed: in step order, under the
/// shard's lock, fire-and-forget (queued on the multiplexer, never waited for). Redis keeps only the
/// writes of the node holding the user's lease, so a step racing a release (or a node the others took
/// for dead) cannot overwrite the new owner's record.
/// </summary>
internal sealed class RecordWriter(ClusterStore store)
{
    public void OnStep(RouterState before, Input input, RouterState after)
    {
        foreach (var user in UserRecords.Touched(before, after, input)) store.Write(UserRecords.Of(after, user));
    }
}
