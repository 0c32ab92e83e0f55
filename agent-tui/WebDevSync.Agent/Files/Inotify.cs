using System.Runtime.InteropServices;
using System.Text;

namespace WebDevSync.Agent.Files;

/// <summary>What inotify(7) said about one name in the watched directory.</summary>
public enum FileChange
{
    /// <summary>A writer closed the file (IN_CLOSE_WRITE) or a file was renamed onto the name (IN_MOVED_TO): the write is complete.</summary>
    Complete,
    /// <summary>Written, created or gone, and more may follow (IN_MODIFY, IN_CREATE, IN_DELETE, IN_MOVED_FROM).</summary>
    Partial,
}

/// <summary>
/// inotify on one directory, read on a thread of its own. Unlike FileSystemWatcher it reports when a
/// writer closed a file, so a save is read the moment it is complete instead of after a quiet period.
/// <paramref name="onChange"/> gets each name (null after a queue overflow: look at everything).
/// </summary>
public sealed partial class Inotify : IDisposable
{
    private const uint InModify = 0x2, InCloseWrite = 0x8, InMovedFrom = 0x40, InMovedTo = 0x80, InCreate = 0x100, InDelete = 0x200, InOverflow = 0x4000;
    private const int InNonBlock = 0x800, InCloExec = 0x80000, PollIn = 1;
    private readonly int _fd;
    private readonly Action<string?, FileChange> _onChange;
    private readonly Thread _reader;
    private volatile bool _disposed;

    private Inotify(int fd, Action<string?, FileChange> onChange)
    {
        (_fd, _onChange) = (fd, onChange);
        _reader = new Thread(Read) { IsBackground = true, Name = "inotify" };
        _reader.Start();
    }

    /// <summary>A watch on <paramref name="directory"/>, or null where inotify is not available (not Linux, no watches left).</summary>
    public static Inotify? TryWatch(string directory, Action<string?, FileChange> onChange)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var fd = InotifyInit1(InNonBlock | InCloExec);
        if (fd < 0) return null;
        if (InotifyAddWatch(fd, directory, InModify | InCloseWrite | InMovedFrom | InMovedTo | InCreate | InDelete) < 0)
        {
            Close(fd);
            return null;
        }
        return new Inotify(fd, onChange);
    }

    private unsafe void Read()
    {
        var buffer = new byte[64 * 1024];
        var poll = new PollFd { Fd = _fd, Events = PollIn };
        while (!_disposed)
        {
            if (Poll(ref poll, 1, 200) <= 0) continue; // the timeout lets Dispose end the thread
            int n;
            fixed (byte* p = buffer) n = (int)ReadFd(_fd, p, buffer.Length);
            if (n > 0) Dispatch(buffer, n);
        }
    }

    /// <summary>
    /// One batch of events, the last per name winning: a close read late, when the next write already
    /// began (its modify events are in the same batch), must not read that write half done.
    /// </summary>
    private void Dispatch(byte[] buffer, int n)
    {
        var last = new List<(string? Name, FileChange Change)>();
        for (var at = 0; at + 16 <= n;)
        {
            var mask = BitConverter.ToUInt32(buffer, at + 4);
            var length = BitConverter.ToInt32(buffer, at + 12);
            var name = length > 0 ? Encoding.UTF8.GetString(buffer, at + 16, length).TrimEnd('\0') : null;
            at += 16 + length;
            if ((mask & InOverflow) == 0 && name is null) continue;
            var change = (mask & (InCloseWrite | InMovedTo)) != 0 ? FileChange.Complete : FileChange.Partial;
            last.RemoveAll(e => e.Name == name);
            last.Add(((mask & InOverflow) != 0 ? null : name, change));
        }
        foreach (var (name, change) in last) _onChange(name, change);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _reader.Join(TimeSpan.FromSeconds(1));
        Close(_fd);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "inotify_init1")]
    private static partial int InotifyInit1(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "poll")]
    private static partial int Poll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read")]
    private static unsafe partial nint ReadFd(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
