namespace WebDevSync.Core.Cluster;

/// <summary>
/// Which relay node owns a user: rendezvous (highest random weight) hashing over the live nodes. Every
/// node computes the same owner from the same node set; when a node leaves only its users move, and when
/// one joins only the users it now wins move to it, so a membership change disturbs as few users as it can.
/// </summary>
public static class Rendezvous
{
    /// <summary>The node with the highest weight for <paramref name="userId"/>; null when there is none. Ties go to the smaller id.</summary>
    public static string? OwnerOf(string userId, IEnumerable<string> nodes)
    {
        string? best = null;
        var bestWeight = 0UL;
        foreach (var node in nodes)
        {
            var w = Weight(node, userId);
            if (best is null || w > bestWeight || (w == bestWeight && string.CompareOrdinal(node, best) < 0)) (best, bestWeight) = (node, w);
        }
        return best;
    }

    /// <summary>A stable 64-bit FNV-1a hash of node and user, finished with SplitMix64 so weights spread evenly.</summary>
    public static ulong Weight(string node, string userId)
    {
        var h = 14695981039346656037UL;
        foreach (var c in node) h = (h ^ c) * 1099511628211UL;
        h = (h ^ 0xFFFF) * 1099511628211UL; // a separator no id char equals, so ("ab","c") and ("a","bc") differ
        foreach (var c in userId) h = (h ^ c) * 1099511628211UL;
        h += 0x9E3779B97F4A7C15UL;
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }
}
