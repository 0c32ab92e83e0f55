using System.Runtime.InteropServices;
using System.Text;

namespace WebDevSync.Agent.Files;

/// <summary>What statx(2) says about one name (a final symbolic link is not followed).</summary>
public readonly record struct FileFacts(uint Uid, uint Mode, long LastWriteSeconds)
{
    private const uint TypeMask = 0xF000, Directory = 0x4000, Regular = 0x8000, Socket = 0xC000;

    public bool IsDirectory => (Mode & TypeMask) == Directory;

    public bool IsRegularFile => (Mode & TypeMask) == Regular;

    public bool IsSocket => (Mode & TypeMask) == Socket;

    /// <summary>Group or others may create, rename or delete entries (for a directory: 0o022).</summary>
    public bool OthersMayWrite => (Mode & 0x12) != 0;

    /// <summary>The sticky bit: in a directory, only an entry's owner may rename or remove it (as in <c>/tmp</c>).</summary>
    public bool IsSticky => (Mode & 0x200) != 0;

    public DateTime LastWriteUtc => DateTime.UnixEpoch.AddSeconds(LastWriteSeconds);
}

/// <summary>
/// The few Linux calls that work on a directory by descriptor rather than by name (openat, statx,
/// unlinkat) and mkdtemp, through LibraryImport like <see cref="Inotify"/>. statx is used rather
/// than fstat because its structure is the same on every architecture.
/// </summary>
internal static partial class Posix
{
    public const int AtCwd = -100;
    private const int AtSymlinkNoFollow = 0x100, AtRemoveDir = 0x200, AtEmptyPath = 0x1000, StatxBasicStats = 0x7ff, CloExec = 0x80000;

    // O_DIRECTORY and O_NOFOLLOW differ between x86 and ARM.
    private static readonly int DirectoryNoFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64
        ? 0x4000 | 0x8000
        : 0x10000 | 0x20000;

    public static bool Supported => OperatingSystem.IsLinux();

    public static uint EffectiveUid => GetEuid();

    /// <summary>A descriptor of the directory <paramref name="name"/> under <paramref name="dirFd"/>, never through a symbolic link; -1 when it is not one.</summary>
    public static int OpenDirectory(int dirFd, string name) => OpenAt(dirFd, name, DirectoryNoFollow | CloExec);

    public static void Close(int fd)
    {
        if (fd >= 0) _ = CloseFd(fd);
    }

    /// <summary>The facts of <paramref name="name"/> under <paramref name="dirFd"/> (of the descriptor itself for ""), or null.</summary>
    public static unsafe FileFacts? Stat(int dirFd, string name)
    {
        var buffer = stackalloc byte[256];
        var flags = AtSymlinkNoFollow | (name.Length == 0 ? AtEmptyPath : 0);
        if (Statx(dirFd, name, flags, StatxBasicStats, buffer) != 0) return null;
        // struct statx: stx_uid at 20, stx_mode (u16) at 28, stx_mtime.tv_sec at 112.
        return new FileFacts(*(uint*)(buffer + 20), *(ushort*)(buffer + 28), *(long*)(buffer + 112));
    }

    public static bool Unlink(int dirFd, string name, bool directory) => UnlinkAt(dirFd, name, directory ? AtRemoveDir : 0) == 0;

    /// <summary>mkdtemp(3): a new directory, mode 0700, named <paramref name="prefix"/> and six random characters; null and errno on failure.</summary>
    public static unsafe string? MakeTemporaryDirectory(string prefix, out int errno)
    {
        var template = Encoding.UTF8.GetBytes(prefix + "XXXXXX\0");
        fixed (byte* p = template)
        {
            var made = MkdTemp(p);
            errno = made == null ? Marshal.GetLastPInvokeError() : 0;
            return made == null ? null : Encoding.UTF8.GetString(template, 0, template.Length - 1);
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenAt(int dirFd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseFd(int fd);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, int mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "unlinkat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int UnlinkAt(int dirFd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "mkdtemp", SetLastError = true)]
    private static unsafe partial byte* MkdTemp(byte* template);
}
