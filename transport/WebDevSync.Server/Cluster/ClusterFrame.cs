using WebDevSync.Core.Protocol;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// One pub/sub message between nodes, on the channel of the node it is for. A proxying node (the origin)
/// forwards its client's messages to the user's owner; the owner sends the router's messages and closes back.
/// Message bodies travel as the clients' own JSON, so each hop is one publish.
/// </summary>
internal abstract record ClusterFrame
{
    private ClusterFrame() { }

    /// <summary>A client message for the owner: <paramref name="Json"/> as the client sent it, re-encoded.</summary>
    public sealed record Forward(string Origin, long Conn, string? AuthUser, ReadOnlyMemory<byte> Json) : ClusterFrame;

    /// <summary>A frame the origin could not decode (or throttled): the owner answers with the error, as one router.</summary>
    public sealed record Invalid(string Origin, long Conn, ErrorCode Code, string Detail, string? SessionId) : ClusterFrame;

    /// <summary>The origin's socket is gone.</summary>
    public sealed record Gone(string Origin, long Conn) : ClusterFrame;

    /// <summary>A server message for the origin's socket <paramref name="Conn"/>, as JSON.</summary>
    public sealed record Deliver(long Conn, ReadOnlyMemory<byte> Json) : ClusterFrame;

    /// <summary>The owner closes the origin's socket.</summary>
    public sealed record Close(long Conn, int Kind, string Text) : ClusterFrame;
}
