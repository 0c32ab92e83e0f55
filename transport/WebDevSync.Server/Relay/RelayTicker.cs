using Microsoft.Extensions.Hosting;

namespace WebDevSync.Server.Relay;

/// <summary>
/// The router's clock: a tick to every shard once a second (grace periods, session age, idle
/// connections), and every link's message bucket refilled.
/// </summary>
internal sealed class RelayTicker(ShardSet shards, LinkRegistry links, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                shards.TickAll(time.GetUtcNow().ToUnixTimeMilliseconds());
                links.ReplenishAll();
            }
        }
        catch (OperationCanceledException) { }
    }
}
