using Microsoft.Extensions.Logging;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Hosting;

/// <summary>With debug on, the counters are logged once a minute, as the seed's MetricsCollector does.</summary>
internal static class MetricsLog
{
    public static void Start(CancellationToken stopping, PartitionSet partitions, RelayStats stats, ILogger log) => _ = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var c = partitions.Counts();
                Log.Metrics(log, c.Browsers, c.Agents, c.Users, c.Sessions, stats.Received, stats.Sent, stats.Errors);
            }
        }
        catch (OperationCanceledException) { }
    });
}
