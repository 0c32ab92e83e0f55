using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Cluster;
using WebDevSync.Core.Routing;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// Users this node takes over and gives up. Adopting loads the user's record from Redis into the user's
/// shard (<see cref="UserRecords.Adopt"/>) before any of their input is routed here; releasing forgets
/// them (<see cref="UserRecords.Forget"/>) and closes their connections, which reconnect to the owner.
/// </summary>
internal sealed class Adoptions(ClusterStore store, ClusterView view, ShardSet shards, LinkRegistry links, TimeProvider time, ILogger<Adoptions> log)
{
    public static readonly LinkClose Moved = new(LinkCloseKind.Shutdown, "this user is served by another relay node now; reconnect");

    private static readonly TimeSpan LeaseRetry = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, Lazy<Task>> _adopting = new(StringComparer.Ordinal);

    /// <summary>Set by the composition root: carries out what the view's step says (it needs the gate, which needs this).</summary>
    public Action<ImmutableList<ClusterEffect>> Carry { get; set; } = _ => { };

    /// <summary>Completes once the user's record is loaded here; one load per user however many connections wait for it.</summary>
    public async Task AdoptAsync(string userId)
    {
        var load = _adopting.GetOrAdd(userId, u => new Lazy<Task>(() => LoadAsync(u)));
        try
        {
            await load.Value.ConfigureAwait(false);
        }
        catch
        {
            _adopting.TryRemove(new KeyValuePair<string, Lazy<Task>>(userId, load));
            throw;
        }
    }

    /// <summary>
    /// Waits while another live node still holds the user's lease (it releases the user when it sees this
    /// node own them, within a heartbeat), then loads the record with the lease.
    /// </summary>
    private async Task LoadAsync(string userId)
    {
        var waited = TimeSpan.Zero;
        var (taken, record, holder) = await store.AdoptAsync(userId).ConfigureAwait(false);
        while (!taken)
        {
            if (waited >= ClusterView.HeartbeatTtl) throw new TimeoutException($"user still held by node {holder}");
            await Task.Delay(LeaseRetry, time).ConfigureAwait(false);
            waited += LeaseRetry;
            (taken, record, holder) = await store.AdoptAsync(userId).ConfigureAwait(false);
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (record is not null) shards.Transform(userId, s => UserRecords.Adopt(s, record, now));
        Carry(view.Apply(new ClusterInput.Adopted(userId)));
    }

    /// <summary>After a long cut-off: the lease again and the record from memory, or the user given up if another live node has them.</summary>
    public async Task ReassertAsync(string userId)
    {
        Task<bool>? reasserted = null;
        shards.Transform(userId, s =>
        {
            reasserted = store.ReassertAsync(UserRecords.Of(s, userId)); // issued under the lock: ordered with the steps' writes
            return s;
        });
        try
        {
            if (!await reasserted!.ConfigureAwait(false)) Carry(view.Apply(new ClusterInput.LeaseLost(userId)));
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            ClusterLog.ReassertFailed(log, e.GetType().Name);
        }
    }

    public void Release(string userId)
    {
        _adopting.TryRemove(userId, out _);
        var closed = ImmutableList<ConnId>.Empty;
        shards.Transform(userId, s =>
        {
            var (next, conns) = UserRecords.Forget(s, userId);
            closed = conns;
            return next;
        });
        store.ReleaseLease(userId); // after the user's last write: the shard's lock ordered them
        foreach (var conn in closed) links.Find(conn)?.Link.Close(Moved);
        ClusterLog.Released(log, view.State.OwnerOf(userId), closed.Count);
    }
}
