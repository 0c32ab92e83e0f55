using System.Runtime.InteropServices;
using WebDevSync.Agent.Configuration;

namespace WebDevSync.Agent.State;

/// <summary>
/// Takes the instance lock of a user and relay, or says which agent holds it. With <c>--replace</c>
/// the holder is asked to quit (SIGTERM: it closes its sessions as on <c>q</c>) and the lock is taken
/// once it has gone.
/// </summary>
public static partial class InstanceGuard
{
    private const int SigTerm = 15;
    private static readonly TimeSpan ReplaceWait = TimeSpan.FromSeconds(15);

    public static async Task<InstanceLock?> TakeAsync(AgentOptions o, string key, bool replace, TextWriter error)
    {
        var (taken, other) = InstanceLock.TryTake(o.StateDir, key);
        if (taken is not null) return taken;
        var who = other > 0 ? $"pid {other}" : "pid unknown";
        if (!replace)
        {
            error.WriteLine($"webdevsync-agent: another agent of {o.UserId} @ {o.WebsocketUrl} runs on this machine ({who}); quit it, or start this one with --replace");
            return null;
        }
        if (other > 0) _ = Kill(other, SigTerm);
        var deadline = DateTime.UtcNow + ReplaceWait;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            (taken, _) = InstanceLock.TryTake(o.StateDir, key);
            if (taken is not null) return taken;
        }
        error.WriteLine($"webdevsync-agent: the agent of {o.UserId} @ {o.WebsocketUrl} ({who}) did not quit within {ReplaceWait.TotalSeconds:0} s");
        return null;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
