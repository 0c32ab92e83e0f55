namespace WebDevSync.Core.Partition;

/// <summary>
/// Which partition (a relay's router partition, or a node of a cluster) owns a user. Routing never crosses
/// users, so every input about one user goes to the partition that owns them.
/// </summary>
public static class Partitions
{
    /// <summary>
    /// A stable FNV-1a hash of the user id modulo <paramref name="count"/>: the same in every process and
    /// after a restart (string.GetHashCode is not), so restored sessions land where their user will.
    /// </summary>
    public static int OwnerOf(string userId, int count)
    {
        var hash = 2166136261u;
        foreach (var c in userId) hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)count);
    }
}
