using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using StackExchange.Redis;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Hosting;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// With <c>redis</c> set, the relay process hosts an Orleans silo: membership and failure detection
/// (Redis clustering), the user grains' state (Redis grain storage, with ETags) and their directory (Redis,
/// so a user has one activation across the cluster), and the cluster adapter's parts.
/// </summary>
internal static class ClusterHosting
{
    public const string Storage = "webdevsync";
    public const string Directory = "webdevsync-users";
    public const string ClusterId = "web-dev-sync";

    public static void AddCluster(this WebApplicationBuilder builder, ServerOptions options)
    {
        var redis = ConfigurationOptions.Parse(options.Redis!);
        redis.AbortOnConnectFail = false; // Redis may come up after the node: keep trying
        var address = IPAddress.Parse(options.SiloAddress);
        // Orleans's watchdog warns once at every start that its component check "has not completed" for as long as
        // the machine has been up: the platform check can run before the component check's first pass sets its
        // timestamp (it starts at 0), so the elapsed time is measured from the clock's origin. Bogus; its other
        // warning, a runtime stall, shows as missed probes (membership) and GC pauses (/metrics) too.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = address;
                o.SiloPort = options.SiloPort;
                o.SiloListeningEndpoint = new IPEndPoint(address, options.SiloPort);
                o.GatewayPort = 0; // no Orleans clients: the nodes are the silos
            });
            silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
            silo.AddRedisGrainStorage(Storage, o =>
            {
                o.ConfigurationOptions = redis.Clone();
                // A user untouched for a session's whole life has nothing left to resume.
                o.EntryExpiry = TimeSpan.FromMilliseconds(options.SessionMaxAgeMs + options.GracePeriodMs);
            });
            silo.AddRedisGrainDirectory(Directory, o => o.Configure(d => d.ConfigurationOptions = redis.Clone()));
            silo.Configure<ClusterMembershipOptions>(FailureDetection);
            // A call to a node that died fails when the membership says so; this bounds the rest.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        builder.Services.AddSingleton(RelayComposition.RouterOptionsOf(options));
        builder.Services.AddSingleton(sp => new Lazy<ClusterGate>(sp.GetRequiredService<ClusterGate>));
        builder.Services.AddSingleton<NodeLinks>();
        builder.Services.AddSingleton<LocalNode>();
        builder.Services.AddSingleton<ClusterGate>();
        builder.Services.AddSingleton<ClusterSends>();
        builder.Services.AddHostedService<ClusterWatch>();
        builder.Services.AddHostedService<ClusterShutdown>();
    }

    /// <summary>
    /// A dead node is declared within about 3-6 s: probed every second, suspected after 3 missed probes
    /// (1 s timeout each, adapted to at most 2 s), one vote enough with two nodes (Orleans asks no more votes than there are other nodes). The
    /// table is read again every second, so a node that was paused past this learns it is dead, and exits,
    /// within about a second of waking. docs/DEPLOY.md gives the reasons for each number.
    /// </summary>
    private static void FailureDetection(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 3;
        o.MaxProbeTimeout = TimeSpan.FromSeconds(2); // Orleans adapts the timeout up to this (default 4 × ProbeTimeout: 12 s to suspect)
        o.NumVotesForDeathDeclaration = 2;
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        o.NumMissedTableIAmAliveLimit = 3;
    }
}
