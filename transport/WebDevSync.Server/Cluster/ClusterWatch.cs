using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// Follows the membership: a silo that died has its users' links here closed (they reconnect and resume);
/// this node declared dead (it was paused or cut off past failure detection) exits with code 75 rather than
/// serve from a state the others have moved on from. Every second it reports this node's counts for status.
/// </summary>
internal sealed class ClusterWatch(IClusterMembershipService membership, ClusterGate gate, LocalNode node, IGrainFactory grains, ILogger<ClusterWatch> log) : BackgroundService
{
    public const int DeclaredDeadExitCode = 75;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(WatchAsync(stoppingToken), ReportAsync(stoppingToken));

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                foreach (var (silo, member) in snapshot.Members)
                {
                    if (member.Status != SiloStatus.Dead || !dead.Add(silo)) continue;
                    if (silo.Equals(node.Silo))
                    {
                        ClusterLog.DeclaredDead(log);
                        _ = Task.Run(() => Environment.Exit(DeclaredDeadExitCode), CancellationToken.None);
                        return;
                    }
                    ClusterLog.NodeDied(log, silo.ToString(), gate.CloseLinksOfGrainsOn(silo));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReportAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await grains.GetGrain<IClusterCountsGrain>(0).ReportAsync(node.Own(gate));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Counts are best effort: the next second tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
