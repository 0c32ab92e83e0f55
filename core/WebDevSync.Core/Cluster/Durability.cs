using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Cluster;

/// <summary>When a user's grain must write the user's record after a step (<see cref="Durabilities.Of"/>).</summary>
public enum Durability
{
    /// <summary>Nothing the record holds changed: nothing to write.</summary>
    None,

    /// <summary>
    /// Changed, but nobody is told it is kept (live typing, a tab opening or closing a session, a tab going away or
    /// coming back, clean-up): written behind, coalesced with whatever else changes before the grain's next write.
    /// A record that lags is safe to start from: <see cref="UserRecords.Activate"/> numbers above anything sent.
    /// Only once the stored record says it may lag (<c>recordMayLag</c> of <see cref="Durabilities.Of"/>).
    /// </summary>
    Later,

    /// <summary>
    /// An agent's save, or the first change since the grain started from a complete record (which says nothing
    /// was written behind): written before any effect of the step is carried out, so a save the agent sees
    /// answered is durable, and a record that may lag says so before anything is sent.
    /// </summary>
    First,
}

/// <summary>Which steps of a user's router must be durable before their effects. Pure.</summary>
public static class Durabilities
{
    /// <param name="recordMayLag">The stored record is not <see cref="UserRecord.Complete"/>: this grain wrote it since it started.</param>
    public static Durability Of(RouterState before, RouterState after, Input input, bool recordMayLag)
    {
        if (ReferenceEquals(before.Sessions, after.Sessions) && ReferenceEquals(before.Users, after.Users) && ReferenceEquals(before.Clients, after.Clients))
            return Durability.None;
        var save = input is Input.Message { Body: CodeUpdate } m && before.Connections.GetValueOrDefault(m.Conn)?.Role == Role.Agent;
        return save || !recordMayLag ? Durability.First : Durability.Later;
    }
}
