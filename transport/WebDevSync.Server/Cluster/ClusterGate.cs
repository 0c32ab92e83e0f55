using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Cluster;
using WebDevSync.Core.Partition;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;
using WebDevSync.Server.Relay;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// Where a connection's inputs go in a cluster. Most go straight to this node's shards, on the reader's
/// thread, as on one node. A connect for a user another node owns turns the connection into a proxy: its
/// inputs are forwarded to the owner, one publish each. A message that needs Redis first (a connect whose
/// user's record must be loaded, ids that must be claimed across nodes) makes the connection wait: its
/// inputs queue, in order, until that is done, and are then routed here.
/// </summary>
internal sealed partial class ClusterGate(ClusterStore store, ClusterView view, ShardSet shards, LinkRegistry links, RemoteLinks remotes,
    Adoptions adoptions, TimeProvider time, ILogger<ClusterGate> log)
{
    private const string StoreDown = "the relay's cluster store (Redis) is unreachable; retry shortly";
    private const string Moving = "this user is moving between relay nodes; retry shortly";

    private readonly ConcurrentDictionary<ConnId, Route> _routes = new();

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>True when the gate took the input (forwarded, queued or refused); false: the hub routes it here now.</summary>
    public bool TakeOver(Registration? reg, ClientMessage? message, string? authUser, Input input)
    {
        if (reg is null) return false;
        var item = new Item(reg, message, authUser, input);
        while (_routes.TryGetValue(reg.Link.Id, out var route))
        {
            if (route is Proxied p)
            {
                Forward(p.Node, item);
                return true;
            }
            var q = (Pending)route;
            lock (q)
            {
                if (!q.Done)
                {
                    q.Items.Enqueue(item);
                    return true;
                }
            }
        }
        switch (PlanOf(item))
        {
            case Plan.Direct:
                return false;
            case Plan.ProxyTo p:
                _routes[reg.Link.Id] = new Proxied(p.Node);
                BeginProxy(item, p.Node);
                return true;
            case Plan.Refused r:
                Post(item with { Input = Refusal(item, r.Detail) });
                return true;
            default:
                var pending = new Pending();
                _routes[reg.Link.Id] = pending;
                _ = DrainAsync(pending, item);
                return true;
        }
    }

    /// <summary>The local socket is gone: the owner it was proxied to hears so.</summary>
    /// <remarks>
    /// Called before the shards hear the connection is gone: a waiting connection is cancelled under its
    /// queue's lock, so its drain either posted before the <c>Disconnected</c> or posts nothing (no ghost connection).
    /// </remarks>
    public void Gone(ConnId conn)
    {
        if (_routes.TryRemove(conn, out var route) && route is Pending q)
            lock (q) q.Cancelled = true;
        var proxiedTo = (route as Proxied)?.Node ?? (route as Pending)?.ProxyTo;
        if (proxiedTo is { } node) store.Publish(node, new ClusterFrame.Gone(store.NodeId, conn.Value));
        remotes.Forget(conn);
    }

    /// <summary>Closes the local sockets proxied to a node that is gone, so their clients reconnect and resume.</summary>
    public void CloseProxiesTo(string node)
    {
        foreach (var (conn, route) in _routes)
            if (route is Proxied p && p.Node == node) links.Find(conn)?.Link.Close(NodeGone);
    }

    public static readonly LinkClose NodeGone = new(LinkCloseKind.Shutdown, "the relay node serving this connection is gone; reconnect");

    private Plan PlanOf(Item item)
    {
        if (item.Input is not Input.Message m) return new Plan.Direct();
        var conn = item.Reg.Link.Id;
        var accepted = item.Reg.Placement.AcceptedIn;
        var connPartition = shards.SnapshotAt(accepted >= 0 ? accepted : Placement.Home);
        var userPartition = connPartition;
        var adopt = (string?)null;
        if (m.Body is BrowserConnect or DesktopConnect && !connPartition.Connections.ContainsKey(conn))
        {
            var user = item.AuthUser ?? m.Body.Claimed.UserId ?? "";
            switch (ClusterStep.RouteConnect(view.State, user, item.Reg.Link is RemoteLink))
            {
                case ConnectRoute.Refuse r: return new Plan.Refused(r.Detail);
                case ConnectRoute.Proxy p: return new Plan.ProxyTo(p.Node);
                case ConnectRoute.AdoptFirst: adopt = user; break;
            }
            userPartition = shards.SnapshotOf(user);
        }
        var claims = ClusterClaims.Needed(connPartition, userPartition, m);
        return adopt is null && claims is null ? new Plan.Direct() : new Plan.Prepare(adopt, claims);
    }

    /// <summary>This node forgets the connection (its connect deadline goes with it: the owner keeps one) and forwards the connect.</summary>
    private void BeginProxy(Item item, string node)
    {
        shards.Post(item.Reg, null, null, new Input.Disconnected(item.Reg.Link.Id, NowMs));
        Forward(node, item);
    }

    private void Forward(string node, Item item)
    {
        var conn = item.Reg.Link.Id.Value;
        switch (item.Input)
        {
            case Input.Message m:
                store.Publish(node, new ClusterFrame.Forward(store.NodeId, conn, item.AuthUser, ClientMessageEncoder.ToBytes(m.Body)));
                break;
            case Input.Invalid i:
                store.Publish(node, new ClusterFrame.Invalid(store.NodeId, conn, i.Code, i.Detail, i.SessionId));
                break;
        }
    }

    private void Post(Item item) => shards.Post(item.Reg, item.Message, item.AuthUser, item.Input);

    private Input.Invalid Refusal(Item item, string detail) =>
        new(item.Reg.Link.Id, ErrorCode.Internal, detail, NowMs, (item.Message as EditRequest)?.SessionId);

    private sealed record Item(Registration Reg, ClientMessage? Message, string? AuthUser, Input Input);

    private abstract class Route;

    private sealed class Proxied(string node) : Route
    {
        public string Node => node;
    }

    private abstract record Plan
    {
        public sealed record Direct : Plan;
        public sealed record ProxyTo(string Node) : Plan;
        public sealed record Refused(string Detail) : Plan;
        public sealed record Prepare(string? Adopt, ClaimRequest? Claims) : Plan;
    }
}
