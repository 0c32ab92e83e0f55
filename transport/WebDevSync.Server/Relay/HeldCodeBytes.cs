using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>What <c>/web-dev-sync/metrics</c> reports of held code, in UTF-8 bytes (<see cref="HeldCode"/>).</summary>
internal readonly record struct HeldCodeBytes(long Total, long MostByOneUser)
{
    /// <summary>Read from the routers' last states at scrape time: a walk of every user, too slow for every message but not for a scrape.</summary>
    public static HeldCodeBytes Of(IEnumerable<RouterState> routers)
    {
        long total = 0, most = 0;
        foreach (var s in routers)
        {
            total += s.HeldBytes;
            foreach (var user in s.Users.Keys) most = Math.Max(most, HeldCode.OfUser(s, user));
        }
        return new(total, most);
    }
}
