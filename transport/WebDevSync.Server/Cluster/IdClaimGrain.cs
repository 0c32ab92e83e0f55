using WebDevSync.Core.Routing;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// First claim wins; the holder's claims refresh it (written at most once per half session age), and an id
/// nobody claimed for a whole session age is free again, as a session that old has expired everywhere.
/// </summary>
internal sealed class IdClaimGrain([PersistentState("claim", ClusterHosting.Storage)] IPersistentState<StoredClaim> stored, RouterOptions options, TimeProvider time)
    : Grain, IIdClaimGrain
{
    public async Task<string> ClaimAsync(string userId)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var claim = stored.State;
        var expired = now - claim.ClaimedAtMs > options.SessionMaxAgeMs;
        if (claim.UserId is { } holder && holder != userId && !expired) return holder;
        if (claim.UserId != userId || now - claim.ClaimedAtMs > options.SessionMaxAgeMs / 2)
        {
            claim.UserId = userId;
            claim.ClaimedAtMs = now;
            await stored.WriteStateAsync();
        }
        return userId;
    }

    public Task<string?> HolderAsync() =>
        Task.FromResult(time.GetUtcNow().ToUnixTimeMilliseconds() - stored.State.ClaimedAtMs > options.SessionMaxAgeMs ? null : stored.State.UserId);
}
