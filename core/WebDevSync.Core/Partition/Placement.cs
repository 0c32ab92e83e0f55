using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Partition;

/// <summary>
/// Where one connection's inputs go. A connection opens in partition 0 (which holds its connect deadline
/// and answers NOT_CONNECTED); a connect message goes to the partition of the user it names (or of its
/// verified user), and so do the messages pipelined behind it, which find the connection there once it
/// is accepted; the partition that accepts it keeps it. A refused connect pins nothing.
/// </summary>
/// <param name="AcceptedIn">The partition that accepted the connection; -1 before any did.</param>
/// <param name="ConnectingIn">The partition the last connect message went to; -1 before any.</param>
public readonly record struct Placement(int AcceptedIn, int ConnectingIn)
{
    /// <summary>The partition a connection opens in.</summary>
    public const int Home = 0;

    public static readonly Placement Opened = new(-1, -1);

    /// <summary>Where the connection's next input goes.</summary>
    public int Target => AcceptedIn >= 0 ? AcceptedIn : Math.Max(ConnectingIn, Home);

    /// <summary>The placement after a message arrives: a connect not yet accepted heads for its user's partition.</summary>
    public Placement Route(ClientMessage? message, string? authUser, int count) =>
        AcceptedIn < 0 && (authUser ?? UserOf(message)) is { } user ? this with { ConnectingIn = Partitions.OwnerOf(user, count) } : this;

    /// <summary>
    /// Accepted in <paramref name="partition"/>: pinned there. <paramref name="leaves"/> is the partition
    /// that must forget the connection's deadline (<see cref="Home"/> when it was accepted elsewhere), or -1.
    /// </summary>
    public Placement Accept(int partition, out int leaves)
    {
        leaves = AcceptedIn < 0 && partition != Home ? Home : -1;
        return this with { AcceptedIn = partition };
    }

    /// <summary>
    /// What the partition a connection leaves (see <see cref="Accept"/>) steps: the connection is gone from
    /// there, so it drops the connect deadline it held. Time 0: that partition never saw the connection
    /// connected, so nothing of it is dated by this input.
    /// </summary>
    public static Input.Disconnected LeftBehind(ConnId conn) => new(conn, 0);

    /// <summary>The partitions that must hear the connection is gone: the accepting one, or home and where it was heading.</summary>
    public (int First, int Second) GoneFrom() =>
        AcceptedIn >= 0 ? (AcceptedIn, -1) : (Home, ConnectingIn > Home ? ConnectingIn : -1);

    private static string? UserOf(ClientMessage? m) => m switch
    {
        BrowserConnect b => b.UserId,
        DesktopConnect d => d.UserId,
        _ => null,
    };
}
