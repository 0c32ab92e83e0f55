using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WebDevSync.Core.Cluster;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// Once a second: this node's heartbeat (with its counts) to Redis, and the nodes alive now into the
/// view, whose effects are carried out. Redis counts as down only when the connection is lost, never
/// because one call was slow (a loaded node must not give its users away); it is up again with the next
/// heartbeat that gets through.
/// </summary>
internal sealed class ClusterHeartbeat(ClusterStore store, ClusterView view, ClusterEffects effects, RemoteLinks remotes, ShardSet shards,
    TimeProvider time, ILogger<ClusterHeartbeat> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        store.ConnectionFailed += reason => Lost(reason);
        var subscribed = false;
        using var timer = new PeriodicTimer(ClusterView.HeartbeatPeriod, time);
        do
        {
            try
            {
                if (!subscribed) await store.SubscribeAsync(remotes.OnFrame, r => ClusterLog.FrameDropped(log, r)).ConfigureAwait(false);
                subscribed = true;
                var alive = await store.HeartbeatAsync(shards.Counts(), ClusterView.HeartbeatTtl).ConfigureAwait(false);
                view.NodeCounts = alive;
                var before = view.State;
                effects.Carry(view.Apply(new ClusterInput.Observed([.. alive.Keys], Now, store.SelfExpired)));
                if (!before.StoreUp) ClusterLog.StoreBack(log);
                if (!before.Nodes.SetEquals(view.State.Nodes)) ClusterLog.NodesChanged(log, string.Join(", ", view.State.Nodes));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                if (e is RedisConnectionException || !store.IsConnected) Lost(e.GetType().Name);
            }
        }
        while (await Next(timer, stoppingToken).ConfigureAwait(false));
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Lost(string reason)
    {
        if (!view.State.StoreUp) return;
        ClusterLog.StoreLost(log, reason);
        effects.Carry(view.Apply(new ClusterInput.StoreLost(Now)));
    }

    private static async Task<bool> Next(PeriodicTimer timer, CancellationToken token)
    {
        try
        {
            return await timer.WaitForNextTickAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
