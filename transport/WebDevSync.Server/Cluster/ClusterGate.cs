using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;
using WebDevSync.Server.Relay;
using static WebDevSync.Core.Protocol.ClientMessage;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// Where a connection's inputs go in a cluster. Until its first connect message they stay on this node
/// (its connect deadline, <c>NOT_CONNECTED</c> for anything else): from that message on, every input goes to
/// the named user's grain, wherever it is active, through one ordered pipe per connection (one call in flight).
/// The connection itself stays here; the grain reaches it through <see cref="NodeLinks"/>.
/// </summary>
internal sealed class ClusterGate(IGrainFactory grains, LocalNode node, PartitionSet partitions, LinkRegistry links, TimeProvider time, ILogger<ClusterGate> log)
{
    public static readonly LinkClose NodeGone = new(LinkCloseKind.Shutdown, "the relay node serving this user is gone; reconnect");

    private readonly ConcurrentDictionary<ConnId, Pipe> _pipes = new();

    /// <summary>True when the gate took the input (to a user grain); false: the hub routes it on this node.</summary>
    public bool TakeOver(Registration? reg, ClientMessage? message, string? authUser, Input input)
    {
        if (reg is null) return false;
        var conn = reg.Link.Id;
        _pipes.TryGetValue(conn, out var pipe);
        if (message is BrowserConnect or DesktopConnect && message.Claimed.UserId is { Length: > 0 } user && pipe?.AcceptedBy is null && pipe?.UserId != user)
        {
            // A first connect, or one for another user after a refused one: a new pipe, which waits for the old one.
            pipe = new Pipe(user, grains.GetGrain<IUserGrain>(user));
            var previous = _pipes.TryGetValue(conn, out var old) ? old : null;
            previous?.Inputs.Writer.TryComplete();
            _pipes[conn] = pipe;
            pipe.Pumping = PumpAsync(conn, pipe, previous?.Pumping ?? Task.CompletedTask);
        }
        if (pipe is null) return false;
        pipe.Inputs.Writer.TryWrite(new(WireOf(input, authUser), null));
        return true;
    }

    /// <summary>The socket is gone: its user's grain hears so after everything it sent.</summary>
    public void Gone(ConnId conn)
    {
        if (!_pipes.TryRemove(conn, out var pipe)) return;
        pipe.Inputs.Writer.TryWrite(new(new GrainInput(GrainInputKind.Disconnected, conn.Value, Now, null, null, 0, null, null, node.Silo, node.Reference), null));
        pipe.Inputs.Writer.TryComplete();
    }

    /// <summary>
    /// Completes once the user's grain stepped everything this connection sent so far (at once if it has no pipe),
    /// so a gRPC-Web <c>Send</c> is acknowledged only when routed and a tab's Sends keep their order through any node.
    /// </summary>
    public Task Flushed(ConnId conn)
    {
        if (!_pipes.TryGetValue(conn, out var pipe)) return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pipe.Inputs.Writer.TryWrite(new(null, done))) done.TrySetResult(); // the pipe is closing: nothing more of this link is routed
        return done.Task;
    }

    /// <summary>The user's grain accepted the connect: the link's connect deadline on this node is dropped, and its grain's silo noted.</summary>
    public void Accepted(Registration reg, Role role, SiloAddress? grainSilo)
    {
        if (!_pipes.TryGetValue(reg.Link.Id, out var pipe)) return;
        pipe.Role = role;
        pipe.AcceptedBy = grainSilo;
        partitions.Post(reg, null, null, new Input.Disconnected(reg.Link.Id, Now));
    }

    /// <summary>
    /// A silo died: the links whose user grain was active there are closed, so their clients reconnect and
    /// resume on the grain's next activation (loaded from Redis), which knows none of the old links.
    /// </summary>
    public int CloseLinksOfGrainsOn(SiloAddress silo)
    {
        var closed = 0;
        foreach (var (conn, pipe) in _pipes)
        {
            if (pipe.AcceptedBy?.Equals(silo) != true) continue;
            links.Find(conn)?.Link.Close(NodeGone);
            closed++;
        }
        return closed;
    }

    /// <summary>Connections accepted through this node, by role.</summary>
    public (int Browsers, int Agents) Counts()
    {
        var (browsers, agents) = (0, 0);
        foreach (var pipe in _pipes.Values)
        {
            if (pipe.AcceptedBy is null) continue;
            if (pipe.Role == Role.Browser) browsers++;
            else agents++;
        }
        return (browsers, agents);
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private GrainInput WireOf(Input input, string? authUser) => input switch
    {
        Input.Message m => new GrainInput(GrainInputKind.Message, m.Conn.Value, m.NowMs, ClientMessageEncoder.ToBytes(m.Body), authUser, 0, null, null, node.Silo, node.Reference),
        Input.Invalid i => new GrainInput(GrainInputKind.Invalid, i.Conn.Value, i.NowMs, null, null, (int)i.Code, i.Detail, i.SessionId, node.Silo, node.Reference),
        _ => throw new InvalidOperationException(input.GetType().Name), // Opened, Disconnected and Tick never reach the gate
    };

    /// <summary>The connection's inputs to its user's grain, one call at a time; a call that fails closes the link (the client reconnects and resumes).</summary>
    private async Task PumpAsync(ConnId conn, Pipe pipe, Task previous)
    {
        await previous.ConfigureAwait(false);
        await foreach (var (input, done) in pipe.Inputs.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (input is null)
            {
                done?.TrySetResult();
                continue;
            }
            try
            {
                await pipe.Grain.StepAsync(input).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                ClusterLog.StepFailed(log, conn.ToString(), e.GetType().Name);
                if (input.Kind != GrainInputKind.Disconnected) links.Find(conn)?.Link.Close(NodeGone);
            }
        }
    }

    private sealed class Pipe(string userId, IUserGrain grain)
    {
        public readonly Channel<PipeEntry> Inputs = Channel.CreateUnbounded<PipeEntry>(new UnboundedChannelOptions { SingleReader = true });
        public readonly string UserId = userId;
        public readonly IUserGrain Grain = grain;
        public Task Pumping = Task.CompletedTask;
        public volatile SiloAddress? AcceptedBy;
        public Role Role;
    }
}

/// <summary>One input for a connection's user grain, or (no input) a marker completed when the pump reaches it.</summary>
internal readonly record struct PipeEntry(GrainInput? Input, TaskCompletionSource? Done);
