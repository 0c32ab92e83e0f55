using System.Threading.RateLimiting;
using LanguageExt;
using WebDevSync.Core.Protocol;
using WebDevSync.Json;
using WebDevSync.Server.Configuration;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// A gRPC-Web <c>Send</c> that landed on a node not holding its subscription: a message for the user's grain,
/// found through the caller's token or (on an open relay) the connection id's claim. The grain answers whether
/// the connection is live and the caller's; its answers reach the tab through the node holding the stream.
/// </summary>
internal sealed class ClusterSends(IGrainFactory grains, LocalNode node, ServerOptions options, TimeProvider time) : IDisposable
{
    // The holding node's per-link bucket does not see these Sends: this node keeps one of the same size per
    // connection id (idle ones are dropped by the limiter), so spreading Sends over nodes multiplies the rate by at most the node count.
    private readonly PartitionedRateLimiter<string> _limits = PartitionedRateLimiter.Create<string, string>(id =>
        RateLimitPartition.GetTokenBucketLimiter(id, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.MessageBurst,
            TokensPerPeriod = options.MessageRateLimit,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            AutoReplenishment = true,
            QueueLimit = 0,
        }), StringComparer.Ordinal);

    /// <summary>Null when this node's bucket for the connection id is empty (the caller gets RESOURCE_EXHAUSTED).</summary>
    public async Task<SendVerdict?> SendAsync(string clientId, string? authUser, Either<DecodeError, ClientMessage> decoded)
    {
        using (var lease = _limits.AttemptAcquire(clientId))
            if (!lease.IsAcquired) return null;
        var input = WireOf(decoded, authUser);
        var holder = authUser is null ? await HolderAsync(clientId) : authUser;
        if (holder is null) return SendVerdict.NotFound;
        var verdict = await grains.GetGrain<IUserGrain>(holder).SendAsync(clientId, authUser, input);
        if (verdict != SendVerdict.NotFound || authUser is null) return verdict;
        // Not the caller's: the id's holder, if another user, says whether it is a live connection (then: not yours).
        // Its grain refuses before stepping anything, since the caller's token names someone else.
        return await HolderAsync(clientId) is { } other && other != authUser
            ? await grains.GetGrain<IUserGrain>(other).SendAsync(clientId, authUser, input)
            : SendVerdict.NotFound;
    }

    private Task<string?> HolderAsync(string clientId) => grains.GetGrain<IIdClaimGrain>("client/" + clientId).HolderAsync();

    /// <summary>The message as the gate sends it; the grain puts in the connection and its node.</summary>
    private GrainInput WireOf(Either<DecodeError, ClientMessage> decoded, string? authUser)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return decoded.Match(
            m => new GrainInput(GrainInputKind.Message, 0, now, ClientMessageEncoder.ToBytes(m), authUser, 0, null, null, node.Silo, node.Reference),
            e => new GrainInput(GrainInputKind.Invalid, 0, now, null, null, (int)e.Code, e.Message, e.SessionId, node.Silo, node.Reference));
    }

    public void Dispose() => _limits.Dispose();
}
