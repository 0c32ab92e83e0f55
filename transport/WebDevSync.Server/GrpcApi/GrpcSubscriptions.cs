using System.Collections.Concurrent;

namespace WebDevSync.Server.GrpcApi;

/// <summary>An open gRPC-Web subscription: its link and the user its token named (null when open).</summary>
internal sealed record Subscription(GrpcLink Link, string? AuthUser);

/// <summary>Open subscriptions by the client's connection id, so <c>Send</c> can find its connection.</summary>
internal sealed class GrpcSubscriptions
{
    private readonly ConcurrentDictionary<string, Subscription> _byClient = new(StringComparer.Ordinal);

    public void Add(string connectionId, Subscription s) => _byClient[connectionId] = s;

    public Subscription? Find(string connectionId) => _byClient.GetValueOrDefault(connectionId);

    /// <summary>Removes the entry only if it is still this link's (a newer subscription may have replaced it).</summary>
    public void Remove(string connectionId, GrpcLink link)
    {
        if (_byClient.TryGetValue(connectionId, out var s) && s.Link == link) _byClient.TryRemove(KeyValuePair.Create(connectionId, s));
    }
}
