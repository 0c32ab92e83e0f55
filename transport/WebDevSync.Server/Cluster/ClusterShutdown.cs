using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// Bounds a node's stop. Orleans's own stop waits on Redis (the membership row, grain state) with retries that do
/// not heed the host's shutdown timeout: with Redis unreachable a SIGTERM took minutes. Past <see cref="Bound"/>
/// the process exits 0 at once; the other nodes find it dead by their probes, and its users' records hold every
/// acknowledged save already (saves are written before they are answered).
/// </summary>
internal sealed class ClusterShutdown(IHostApplicationLifetime lifetime) : IHostedService
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(8);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _ = ExitAfterBoundAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task ExitAfterBoundAsync()
    {
        await Task.Delay(Bound).ConfigureAwait(false);
        // Written directly: the console logger's queue would not be flushed by an immediate exit.
        await Console.Error.WriteLineAsync($"WebDevSync: stopping took longer than {Bound.TotalSeconds:0} s (Redis unreachable?); exiting now").ConfigureAwait(false);
        // Environment.Exit would wait for the host's stop again (its process-exit handler): _exit does not.
        if (OperatingSystem.IsLinux()) Exit(0);
        Environment.Exit(0);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void Exit(int status);
}
