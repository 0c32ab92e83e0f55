using System.Text;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>
/// A state as text with every map sorted, so two states compare by content (ImmutableDictionary
/// equality is by reference, and its enumeration order is the hash order).
/// </summary>
public static class Canonical
{
    public static string Of(RouterState s, bool withLastSeen = true)
    {
        var text = new StringBuilder($"options {s.Options}\n");
        foreach (var c in s.Connections.Values.OrderBy(c => c.Id.Value))
            text.Append($"conn {c.Id} {c.Role} {c.UserId} {c.ClientId} at={c.ConnectedAtMs}{(withLastSeen ? $" seen={c.LastSeenMs}" : "")}\n");
        foreach (var c in s.Clients.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
            text.Append($"client {c.Id} {c.UserId} {c.Role} live={c.Live?.ToString() ?? "-"} away={c.AwaySinceMs}\n");
        foreach (var (id, u) in s.Users.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append($"user {id} browsers=[{string.Join(",", u.Browsers.OrderBy(c => c.Value))}] agents=[{string.Join(",", u.Agents)}] " +
                        $"sessions=[{Sorted(u.Sessions)}] away=[{Sorted(u.Away)}]\n");
        foreach (var x in s.Sessions.Values.OrderBy(x => x.Id, StringComparer.Ordinal))
            text.Append($"session {Session(x)}\n");
        return text.ToString();
    }

    public static string Session(Session x) =>
        $"{x.Id} {x.UserId} ta={x.TextareaId} {x.FileType} browser={x.BrowserClientId} agent={x.AgentClientId ?? "-"} " +
        $"code={x.Code ?? "null"} seq={x.Seq} delivered={x.DeliveredSeq} page={x.BrowserSeq} agentseq={x.AgentSeq} by={x.LastChangeBy ?? "-"} created={x.CreatedAtMs} updated={x.UpdatedAtMs}";

    static string Sorted(IEnumerable<string> ids) => string.Join(",", ids.Order(StringComparer.Ordinal));
}
