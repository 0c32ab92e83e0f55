using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// The frames a node hears: as an owner, the connections other nodes proxy to it (each a <see cref="RemoteLink"/>
/// attached to the hub like a socket); as an origin, what owners send back to its proxied sockets.
/// </summary>
internal sealed class RemoteLinks(ClusterStore store, LinkRegistry links, ServerOptions options, IServiceProvider services, ILogger<RemoteLinks> log)
{
    private readonly ConcurrentDictionary<(string Origin, long Conn), RemoteLink> _byOrigin = new();
    private readonly ConcurrentDictionary<ConnId, RemoteLink> _byId = new();
    private RelayHub? _hub;

    private RelayHub Hub => _hub ??= services.GetRequiredService<RelayHub>();

    /// <summary>Handles one frame, on the subscription's loop (in publish order); a bad frame is logged and dropped.</summary>
    public void OnFrame(ClusterFrame frame)
    {
        switch (frame)
        {
            case ClusterFrame.Forward f:
                Hub.Submit(LinkOf(f.Origin, f.Conn).Id, ClientMessageDecoder.Decode(new ReadOnlySequence<byte>(f.Json), options.MaxMessageBytes), f.AuthUser);
                break;
            case ClusterFrame.Invalid i:
                Hub.Reject(LinkOf(i.Origin, i.Conn).Id, new DecodeError(i.Code, i.Detail, i.SessionId));
                break;
            case ClusterFrame.Gone g when _byOrigin.TryRemove((g.Origin, g.Conn), out var link):
                link.Gone();
                _byId.TryRemove(link.Id, out _);
                Hub.Disconnect(link.Id);
                break;
            case ClusterFrame.Deliver d when links.Find(new ConnId(d.Conn)) is { } reg:
                ServerMessageDecoder.Decode(d.Json).Match(m => reg.Link.Deliver(m), e => ClusterLog.FrameDropped(log, e.Message));
                break;
            case ClusterFrame.Close c when links.Find(new ConnId(c.Conn)) is { } reg:
                reg.Link.Close(new LinkClose((LinkCloseKind)c.Kind, c.Text));
                break;
            default:
                break; // the connection is gone already
        }
    }

    /// <summary>The node is gone: so are the connections it proxied here (their tabs become away).</summary>
    public void DropFrom(string origin)
    {
        foreach (var link in _byOrigin.Values.Where(l => l.Origin == origin).ToList())
        {
            link.Gone();
            _byOrigin.TryRemove((link.Origin, link.OriginConn), out _);
            _byId.TryRemove(link.Id, out _);
            Hub.Disconnect(link.Id);
        }
    }

    /// <summary>A connection the hub forgot (closed here, or its origin said it is gone).</summary>
    public void Forget(ConnId conn)
    {
        if (_byId.TryRemove(conn, out var link)) _byOrigin.TryRemove((link.Origin, link.OriginConn), out _);
    }

    public int Count => _byId.Count;

    private RemoteLink LinkOf(string origin, long conn)
    {
        if (_byOrigin.TryGetValue((origin, conn), out var known)) return known;
        var link = new RemoteLink(links.NextId(), origin, conn, store, Closed);
        _byOrigin[(origin, conn)] = link;
        _byId[link.Id] = link;
        Hub.Attach(link);
        return link;
    }

    /// <summary>The router closed it (inside a shard's step): the hub forgets it after the step, off the shard's lock.</summary>
    private void Closed(RemoteLink link) => ThreadPool.UnsafeQueueUserWorkItem(l => Hub.Disconnect(l.Id), link, preferLocal: false);
}
