using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Persistence;

/// <summary>
/// Writes the saved table (sessions, and those that ended while their tab was away) a moment after it changes, at most four times a second, and once more at
/// shutdown after routing stopped, so nothing a user saved is lost to a restart.
/// </summary>
internal sealed class SessionSaver(PartitionSet partitions, SessionStore store, TimeProvider time, ILogger<SessionSaver> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                if (partitions.TakeTableChanged()) Save();
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        partitions.Complete();
        Save();
    }

    private void Save()
    {
        try
        {
            store.Save(partitions.Table());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.StoreProblem(log, $"could not save sessions: {e.GetType().Name}: {e.Message}");
        }
    }
}
