using System.Buffers;
using Microsoft.Extensions.Logging;
using Orleans.GrainDirectory;
using Orleans.Storage;
using ErrorCode = WebDevSync.Core.Protocol.ErrorCode;
using Orleans.Runtime;
using WebDevSync.Core.Cluster;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// The shell around one user's router in a cluster: it turns a node's <see cref="GrainInput"/> into the core's
/// input (with the ids other users hold, from <see cref="IIdClaimGrain"/>s), steps it with <see cref="Router.Step"/>,
/// writes the user's record when the core says (<see cref="Durabilities"/>: an agent's save before its effects, so
/// every save an agent sees acknowledged is in Redis; anything else behind, coalesced, within a tick) and hands
/// the effects to the nodes holding their links. It decides nothing the core decides.
/// </summary>
[GrainDirectory(GrainDirectoryName = ClusterHosting.Directory)]
[Orleans.Placement.PreferLocalPlacement] // a user's grain starts on the node their first client reached: one node serves a tab and agent that land together
internal sealed partial class UserGrain(
    [PersistentState("user", ClusterHosting.Storage)] IPersistentState<StoredUser> stored,
    RouterOptions options, LocalNode local, IClusterMembershipService membership, TimeProvider time, ILogger<UserGrain> log)
    : Grain, IUserGrain
{
    private const string StoreDown = "the relay's store (Redis) is unreachable; retry shortly";
    private static readonly TimeSpan FlushOnDeactivation = TimeSpan.FromSeconds(1);

    /// <summary>The node (silo and observer) of each connection this grain may send to.</summary>
    private readonly Dictionary<ConnId, (SiloAddress Silo, INodeLink Node)> _links = [];
    private RouterState _state = null!;
    private string _written = "";
    private bool _unwritten;
    private bool _recordMayLag;
    private bool _stale;

    private string UserId => this.GetPrimaryKeyString();

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _written = stored.State.Json;
        var record = StoredUser.Parse(_written);
        _state = UserRecords.Activate(options, record, NowMs);
        _recordMayLag = record is { Complete: false };
        local.Activated(UserId, _state);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.ConnectTimeoutMs / 4, 100, 1000));
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        return Task.CompletedTask;
    }

    /// <summary>
    /// The links this activation accepted are closed as it goes (stale, or its silo stopping), so their clients
    /// reconnect and resume on the user's next activation, which does not know them.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        local.Deactivated(UserId);
        // Everything sent is written, marked complete, for the next activation to read and number on from; a Redis that does not answer is not waited for long.
        try
        {
            if (!_stale && (_unwritten || _recordMayLag) && await WriteAsync(_state, complete: true).WaitAsync(FlushOnDeactivation, cancellationToken))
                (_unwritten, _recordMayLag) = (false, false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException || Inconsistency(e) is not null)
        {
            ClusterLog.WriteFailed(log, e.GetType().Name);
        }
        var moving = _links.Where(kv => _state.Connections.ContainsKey(kv.Key))
            .Select(kv => (kv.Value, Effect: new GrainEffect(GrainEffectKind.Reconnect, kv.Key.Value, null, 0, null))).ToList();
        _links.Clear();
        await DeliverAsync(moving);
    }

    public async Task StepAsync(GrainInput input)
    {
        if (_stale) throw new InvalidOperationException("a stale activation of this user; reconnect");
        var conn = new ConnId(input.Conn);
        if (input.Kind != GrainInputKind.Disconnected) _links[conn] = (input.Silo, input.Node);
        Input core;
        try
        {
            core = await InputOfAsync(input, conn);
        }
        catch (Exception e) when (Inconsistency(e) is null)
        {
            ClusterLog.ClaimFailed(log, e.GetType().Name);
            core = new Input.Invalid(conn, ErrorCode.Internal, StoreDown, input.NowMs);
        }
        await RunAsync(core);
    }

    private async Task<Input> InputOfAsync(GrainInput input, ConnId conn)
    {
        switch (input.Kind)
        {
            case GrainInputKind.Disconnected:
                return new Input.Disconnected(conn, input.NowMs);
            case GrainInputKind.Invalid:
                return new Input.Invalid(conn, (ErrorCode)input.Code, input.Detail ?? "", input.NowMs, input.SessionId);
            default:
                var decoded = ClientMessageDecoder.Decode(new ReadOnlySequence<byte>(input.Body ?? []), options.MaxCodeBytes);
                if (decoded.IsLeft) return decoded.Match(_ => null!, e => new Input.Invalid(conn, e.Code, e.Message, input.NowMs, e.SessionId));
                var message = new Input.Message(conn, (ClientMessage)decoded, input.NowMs, input.AuthUser);
                return ClusterClaims.Needed(_state, _state, message) is { } request ? message with { Foreign = await ClaimAsync(request) } : message;
        }
    }

    /// <summary>Claims the ids the message could create and looks up the sessions it names that this user does not hold.</summary>
    private async Task<ForeignIds?> ClaimAsync(ClaimRequest request)
    {
        async Task<(string Id, string? Holder)> Claim(string key, string id) => (id, await GrainFactory.GetGrain<IIdClaimGrain>(key + id).ClaimAsync(request.UserId));
        async Task<(string Id, string? Holder)> Look(string key, string id) => (id, await GrainFactory.GetGrain<IIdClaimGrain>(key + id).HolderAsync());
        var clients = await Task.WhenAll(request.Clients.Select(id => Claim("client/", id)));
        var sessions = await Task.WhenAll(request.Sessions.Select(id => Claim("session/", id)).Concat(request.LookedUpSessions.Select(id => Look("session/", id))));
        static Dictionary<string, string> Held(IEnumerable<(string Id, string? Holder)> all) =>
            all.Where(x => x.Holder is not null).ToDictionary(x => x.Id, x => x.Holder!, StringComparer.Ordinal);
        return ClusterClaims.Foreign(request, Held(clients), Held(sessions));
    }

    /// <summary>
    /// One step. An agent's save is durable before any of its effects (<see cref="Durability.First"/>): one whose
    /// record cannot be written is answered with an error instead. Any other change is written behind, by the
    /// next tick (<see cref="FlushAsync"/>), together with whatever else changed by then.
    /// </summary>
    private async Task RunAsync(Input input)
    {
        var before = _state;
        var (next, effects) = Router.Step(before, input);
        switch (Durabilities.Of(before, next, input, _recordMayLag))
        {
            case Durability.First when await WriteAsync(next):
                (_unwritten, _recordMayLag) = (false, true);
                break;
            case Durability.First:
                var m = (Input.Message)input;
                (next, effects) = Router.Step(before, new Input.Invalid(m.Conn, ErrorCode.Internal, StoreDown, m.NowMs, (m.Body as ClientMessage.CodeUpdate)?.SessionId));
                break;
            case Durability.Later:
                _unwritten = true;
                break;
        }
        _state = next;
        local.Stepped(UserId, next);
        await DeliverAsync(effects);
        foreach (var conn in _links.Keys.Where(c => !next.Connections.ContainsKey(c)).ToList()) _links.Remove(conn);
    }

    /// <summary>Writes what changed since the last write, if anything did; a write Redis refused is tried again on the next tick.</summary>
    private async Task FlushAsync()
    {
        if (!_unwritten || _stale) return;
        try
        {
            if (await WriteAsync(_state)) _unwritten = false;
        }
        catch (Exception e) when (Inconsistency(e) is not null)
        {
            // Stale: WriteAsync logged it and let the activation go.
        }
    }

    /// <summary>
    /// Writes the user's record as of <paramref name="state"/>, <paramref name="complete"/> only as the grain goes
    /// (with the ETag: a stale activation's write fails, it stops serving and deactivates, and the exception goes
    /// on); false if Redis refused.
    /// </summary>
    private async Task<bool> WriteAsync(RouterState state, bool complete = false)
    {
        var json = StoredUser.Of(UserRecords.Of(state, UserId) with { Complete = complete });
        if (json == _written) return true;
        stored.State.Json = json;
        try
        {
            await stored.WriteStateAsync();
            local.Wrote();
            _written = json;
            return true;
        }
        catch (Exception e) when (Inconsistency(e) is { } inconsistent)
        {
            if (string.IsNullOrEmpty(inconsistent.StoredEtag) && await RewriteAsync(json)) return true;
            // Another activation wrote since this one read: this one is stale (its silo was taken for dead). It must not serve.
            ClusterLog.Stale(log);
            _stale = true;
            DeactivateOnIdle();
            throw;
        }
        catch (Exception e)
        {
            ClusterLog.WriteFailed(log, e.GetType().Name);
            return false;
        }
    }

    /// <summary>
    /// The record is gone from Redis (restarted empty, or expired) while this activation holds the user: its
    /// memory is the newest copy there is, so it is written again, unless another activation wrote one meanwhile.
    /// </summary>
    private async Task<bool> RewriteAsync(string json)
    {
        try
        {
            await stored.ReadStateAsync();
            if (stored.State.Json.Length > 0) return false;
            stored.State.Json = json;
            await stored.WriteStateAsync();
            local.Wrote();
            _written = json;
            ClusterLog.Rewritten(log);
            return true;
        }
        catch (Exception e)
        {
            ClusterLog.WriteFailed(log, e.GetType().Name);
            return false;
        }
    }

    private static InconsistentStateException? Inconsistency(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is InconsistentStateException i) return i;
        return null;
    }
}
