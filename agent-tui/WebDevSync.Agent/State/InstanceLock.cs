namespace WebDevSync.Agent.State;

/// <summary>
/// One agent per user and relay: an exclusive lock (flock, which .NET takes for FileShare.None on Unix)
/// on <c>agent-&lt;key&gt;.lock</c>, its owner's pid beside it. The kernel releases it when the process dies,
/// however it dies, so a kill -9 never leaves a stale lock.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    private readonly FileStream _stream;

    private InstanceLock(FileStream stream) => _stream = stream;

    /// <summary>The lock, or the pid of the agent that holds it (0 when it cannot be told).</summary>
    public static (InstanceLock? Lock, int OtherPid) TryTake(string stateDirectory, string key)
    {
        Directory.CreateDirectory(stateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(stateDirectory, $"agent-{key}.lock");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            var stream = new FileStream(path, options);
            // The pid goes beside the lock: a locked file cannot be opened again, not even to read it.
            File.WriteAllText(path + ".pid", $"{Environment.ProcessId}\n");
            File.SetUnixFileMode(path + ".pid", UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return (new InstanceLock(stream), 0);
        }
        catch (IOException)
        {
            return (null, OwnerPid(path + ".pid"));
        }
    }

    private static int OwnerPid(string pidFile)
    {
        try { return int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) ? pid : 0; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
    }

    public void Dispose() => _stream.Dispose();
}
