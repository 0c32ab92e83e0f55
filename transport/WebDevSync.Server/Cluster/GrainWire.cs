using Orleans.Runtime;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>Which of the router's inputs a <see cref="GrainInput"/> carries.</summary>
public enum GrainInputKind { Message, Invalid, Disconnected }

/// <summary>
/// One input of a connection for its user's grain, as it crosses nodes: the client message in its JSON
/// wire form (the node decoded and checked it; the grain decodes it again into the core's record), the
/// connection's node (its silo and the observer that reaches its links) and the node's clock.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GrainInput(
    [property: Id(0)] GrainInputKind Kind,
    [property: Id(1)] long Conn,
    [property: Id(2)] long NowMs,
    [property: Id(3)] byte[]? Body,
    [property: Id(4)] string? AuthUser,
    [property: Id(5)] int Code,
    [property: Id(6)] string? Detail,
    [property: Id(7)] string? SessionId,
    [property: Id(8)] SiloAddress Silo,
    [property: Id(9)] INodeLink Node);

/// <summary>Which of the router's effects a <see cref="GrainEffect"/> carries.</summary>
public enum GrainEffectKind { Send, Close, Accepted, Reconnect }

/// <summary>
/// One router effect for a link on some node: a message in its JSON wire form, a close with its reason, or
/// an accepted connect (with the role and the silo of the user's grain, so the node can close the link when
/// that silo dies and the client reconnects to the grain's next activation), or a close because the activation
/// that accepted the link is going (the client reconnects to the next one).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GrainEffect(
    [property: Id(0)] GrainEffectKind Kind,
    [property: Id(1)] long Conn,
    [property: Id(2)] byte[]? Message,
    [property: Id(3)] int Value,
    [property: Id(4)] SiloAddress? GrainSilo);
