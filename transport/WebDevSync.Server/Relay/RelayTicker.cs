using Microsoft.Extensions.Hosting;
using WebDevSync.Server.Configuration;

namespace WebDevSync.Server.Relay;

/// <summary>
/// The router's clock: a tick to every partition (connect deadlines, grace periods, session age, idle
/// connections) once a second, or a quarter of the connect timeout when that is shorter, so a silent
/// connection is closed soon after its deadline; every link's message bucket refilled once a second.
/// </summary>
internal sealed class RelayTicker(PartitionSet partitions, LinkRegistry links, ServerOptions options, TimeProvider time) : BackgroundService
{
    public static TimeSpan PeriodOf(ServerOptions options) => TimeSpan.FromMilliseconds(Math.Clamp(options.HandshakeTimeoutMs / 4, 10, 1000));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = PeriodOf(options);
        var ticksPerSecond = (int)Math.Round(TimeSpan.FromSeconds(1) / period);
        using var timer = new PeriodicTimer(period, time);
        try
        {
            for (var tick = 1; await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false); tick++)
            {
                partitions.TickAll(time.GetUtcNow().ToUnixTimeMilliseconds());
                if (tick % ticksPerSecond == 0) links.ReplenishAll(); // the buckets count per second
            }
        }
        catch (OperationCanceledException) { }
    }
}
