using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// One user's router in a cluster (key: the user id). Orleans keeps at most one activation of it in the
/// cluster; it steps the user's <see cref="Core.Routing.RouterState"/> with the pure core and hands each
/// effect to the node that holds the link it is for. Calls are not interleaved (a grain is single-threaded).
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Routes one input; completes once its state is durable (if it changed) and its effects were handed to their nodes.</summary>
    Task StepAsync(GrainInput input);

    /// <summary>
    /// A gRPC-Web <c>Send</c> for this user's live connection <paramref name="clientId"/>, from whichever node it
    /// landed on: stepped as that connection's message (its answers go to the node holding the connection).
    /// Completes once stepped, so a client that awaits each <c>Send</c> keeps its order across nodes.
    /// </summary>
    Task<SendVerdict> SendAsync(string clientId, string? authUser, GrainInput input);
}

/// <summary>What a user grain made of a <c>Send</c>: stepped, no such live connection, or the connection is another user's.</summary>
public enum SendVerdict { Routed, NotFound, PermissionDenied }

/// <summary>A relay node's links, as a user grain on any node reaches them (an observer created per node).</summary>
public interface INodeLink : IGrainObserver
{
    /// <summary>Carries out effects for this node's links, in order.</summary>
    Task DeliverAsync(GrainEffect[] effects);
}

/// <summary>
/// Who holds one id (key <c>client/&lt;id&gt;</c> or <c>session/&lt;id&gt;</c>): the first user to claim it,
/// until it goes unclaimed for longer than the relay's session age. Ids stay unique across users on all nodes.
/// </summary>
public interface IIdClaimGrain : IGrainWithStringKey
{
    /// <summary>Claims the id for <paramref name="userId"/> unless another user holds it; returns the holder.</summary>
    Task<string> ClaimAsync(string userId);

    /// <summary>The holder, or null.</summary>
    Task<string?> HolderAsync();
}

/// <summary>Each node's own counts, reported every second; read by any node's status (key 0: one per cluster).</summary>
public interface IClusterCountsGrain : IGrainWithIntegerKey
{
    Task ReportAsync(NodeCounts counts);

    Task<NodeCounts[]> AllAsync();
}

/// <summary>What one node serves: its connected links by role, and the users and sessions of the user grains active on it.</summary>
[GenerateSerializer, Immutable]
public sealed record NodeCounts(
    [property: Id(0)] string Node,
    [property: Id(1)] int Browsers,
    [property: Id(2)] int Agents,
    [property: Id(3)] int Users,
    [property: Id(4)] int Sessions,
    [property: Id(5)] long ReportedAtMs);
