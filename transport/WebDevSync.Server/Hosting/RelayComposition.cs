using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Partition;
using WebDevSync.Core.Routing;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Persistence;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Hosting;

/// <summary>
/// Wires the relay's parts. The saved sessions are read here, in three steps: load the file (impure),
/// rebuild the routers' states from it (pure, <see cref="Restore"/>), and start the partitions on them (impure).
/// </summary>
internal static class RelayComposition
{
    public static IServiceCollection AddRelay(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton<LinkRegistry>();
        services.AddSingleton(sp => new RelayStats(
            () => Counts(sp), () => sp.GetRequiredService<LinkRegistry>().QueueDepths(), () => HeldCodeBytes.Of(Routers(sp))));
        services.AddSingleton<EffectInterpreter>();
        services.AddSingleton(sp => StartPartitions(sp, options));
        services.AddSingleton<RelayHub>();
        services.AddHostedService<RelayTicker>();
        if (options.DataDir is { } dir)
        {
            services.AddSingleton(new SessionStore(dir));
            services.AddHostedService<SessionSaver>();
        }
        return services;
    }

    /// <summary>What this process routes: its partitions, or in a cluster its accepted links and the user grains active in it.</summary>
    /// <summary>The routing states held on this node: its partitions' or, in a cluster, its active user grains'.</summary>
    private static IEnumerable<RouterState> Routers(IServiceProvider sp) =>
        sp.GetService<Cluster.LocalNode>() is { } node ? node.States : sp.GetRequiredService<PartitionSet>().Snapshots();

    private static StatusCounts Counts(IServiceProvider sp) =>
        sp.GetService<Cluster.LocalNode>() is { } node && node.Own(sp.GetRequiredService<Cluster.ClusterGate>()) is var own
            ? new StatusCounts(own.Browsers, own.Agents, own.Users, own.Sessions)
            : sp.GetRequiredService<PartitionSet>().Counts();

    public static RouterOptions RouterOptionsOf(ServerOptions options) => new()
    {
        GracePeriodMs = options.GracePeriodMs,
        LeaveGracePeriodMs = options.LeaveGracePeriodMs,
        SessionMaxAgeMs = options.SessionMaxAgeMs,
        IdleTimeoutMs = options.IdleTimeoutMs,
        ConnectTimeoutMs = options.HandshakeTimeoutMs,
        MaxCodeBytes = options.MaxMessageBytes,
        MaxSessionsPerUser = options.MaxSessionsPerUser,
        MaxHeldBytesPerUser = options.MaxHeldBytesPerUser,
        // Each router gets an equal share of the relay's budget, so no router needs to know what the
        // others hold (Input.Message.HeldElsewhere stays 0): users hash evenly over routers.
        MaxHeldBytes = options.MaxHeldBytes / options.RouterShards,
    };

    private static PartitionSet StartPartitions(IServiceProvider sp, ServerOptions options)
    {
        var log = sp.GetRequiredService<ILogger<PartitionSet>>();
        var saved = sp.GetService<SessionStore>()?.Load(w => Log.StoreProblem(log, w)) ?? SavedTable.Empty;
        var nowMs = sp.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds();
        ImmutableArray<RouterState> restored = Restore.Partitioned(RouterOptionsOf(options), saved, nowMs, options.RouterShards, u => Partitions.OwnerOf(u, options.RouterShards));
        return new PartitionSet(restored, sp.GetRequiredService<EffectInterpreter>(), log);
    }
}
