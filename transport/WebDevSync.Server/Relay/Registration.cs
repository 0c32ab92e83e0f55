namespace WebDevSync.Server.Relay;

/// <summary>
/// A link as the hub keeps it: its throttle, and where its inputs go. Before a connect is accepted
/// they go where the last connect message went (<see cref="ConnectingIn"/>, for messages pipelined
/// behind it); once a shard accepts it, to that shard (<see cref="AcceptedIn"/>).
/// </summary>
internal sealed class Registration(IClientLink link, MessageThrottle throttle)
{
    public readonly IClientLink Link = link;
    public readonly MessageThrottle Throttle = throttle;

    /// <summary>The shard that accepted the connection (-1 before any did).</summary>
    public int AcceptedIn = -1;

    /// <summary>The shard the last connect message went to, so a disconnect before its acceptance reaches it too.</summary>
    public int ConnectingIn = -1;

    /// <summary>The user the accepting shard accepted.</summary>
    public string? AcceptedAs;

    /// <summary>The user the last connect message named (or its verified user), for <see cref="IdOwners"/>.</summary>
    public string? ConnectingAs;
}
