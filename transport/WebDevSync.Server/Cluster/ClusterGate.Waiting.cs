using WebDevSync.Core.Cluster;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Cluster;

/// <summary>The gate's waiting connections: inputs queued while what they need from Redis is done, then routed in order.</summary>
internal sealed partial class ClusterGate
{
    /// <summary>Routes a waiting connection's inputs in order, each once what it needs from Redis is done; then the connection goes direct again.</summary>
    private async Task DrainAsync(Pending q, Item first)
    {
        var item = first;
        while (true)
        {
            await HandleAsync(q, item).ConfigureAwait(false);
            lock (q)
            {
                if (q.Cancelled) return;
                if (q.Items.Count == 0)
                {
                    if (q.ProxyTo is { } node) _routes[item.Reg.Link.Id] = new Proxied(node);
                    else _routes.TryRemove(new KeyValuePair<ConnId, Route>(item.Reg.Link.Id, q));
                    q.Done = true;
                    return;
                }
                item = q.Items.Dequeue();
            }
        }
    }

    /// <summary>One waiting input: planned again (Redis may have answered meanwhile), prepared, routed. The connection's one error boundary while it waits.</summary>
    private async Task HandleAsync(Pending q, Item item)
    {
        if (q.ProxyTo is { } to)
        {
            Forward(to, item);
            return;
        }
        void Post(Item routed)
        {
            lock (q)
                if (!q.Cancelled) this.Post(routed);
        }
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                switch (PlanOf(item))
                {
                    case Plan.ProxyTo p:
                        lock (q)
                        {
                            if (q.Cancelled) return;
                            q.ProxyTo = p.Node;
                            BeginProxy(item, p.Node);
                        }
                        return;
                    case Plan.Refused r:
                        Post(item with { Input = Refusal(item, r.Detail) });
                        return;
                    case Plan.Prepare { Adopt: { } user } when attempt == 0:
                        await adoptions.AdoptAsync(user).ConfigureAwait(false); // then plan again: the record may hold the ids
                        continue;
                    case Plan.Prepare { Claims: { } claims }:
                        var (clients, sessions) = await store.ClaimAsync(claims).ConfigureAwait(false);
                        var m = (Input.Message)item.Input;
                        Post(item with { Input = m with { Foreign = ClusterClaims.Union(m.Foreign, ClusterClaims.Foreign(claims, clients, sessions)) } });
                        return;
                    default:
                        Post(item);
                        return;
                }
            }
        }
        catch (Exception e)
        {
            ClusterLog.PrepareFailed(log, item.Reg.Link.Id.ToString(), e.GetType().Name);
            // A lease still held past a heartbeat's life is a plain TimeoutException (Adoptions); Redis's own are RedisTimeoutException.
            Post(item with { Input = Refusal(item, e is TimeoutException and not StackExchange.Redis.RedisTimeoutException ? Moving : StoreDown) });
        }
    }

    /// <summary>Inputs waiting for Redis, in arrival order; <see cref="Done"/> once drained (the reader then looks again).</summary>
    private sealed class Pending : Route
    {
        public readonly Queue<Item> Items = new();
        public bool Done;
        /// <summary>The socket went while waiting: nothing more of it is routed.</summary>
        public bool Cancelled;
        public string? ProxyTo;
    }
}
