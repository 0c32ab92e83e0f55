namespace WebDevSync.Agent.Files;

/// <summary>
/// The one way the agent removes files from a directory that other users can reach (a shared
/// <c>/tmp</c>): the directory is opened by descriptor, never through a symbolic link, and used only
/// when it is a real directory of the agent's own user that nobody else may write to; every entry is
/// then examined (lstat) and removed through that descriptor, and only when it is a plain file or
/// socket of that user. A name swapped for a link after the check is never followed, since nothing
/// is looked up by path again, and nobody else can swap entries inside such a directory.
/// </summary>
public sealed class OwnedDirectory : IDisposable
{
    private readonly int _fd;

    private OwnedDirectory(int fd, string path) => (_fd, Path) = (fd, path);

    public string Path { get; }

    /// <summary>The directory at <paramref name="path"/>, or null with the reason it is not the agent's own.</summary>
    public static OwnedDirectory? Open(string path, out string problem) =>
        Open(Posix.AtCwd, System.IO.Path.GetFullPath(path), System.IO.Path.GetFullPath(path), out problem);

    /// <summary>The subdirectory <paramref name="name"/> of this one, on the same terms as <see cref="Open(string, out string)"/>.</summary>
    public OwnedDirectory? OpenChild(string name, out string problem) => Open(_fd, name, System.IO.Path.Combine(Path, name), out problem);

    /// <summary>
    /// A directory whose entries are only listed (a shared base such as <c>/tmp</c>): opened without
    /// following a link, owned by anyone; entries are removed only through <see cref="OpenChild"/>.
    /// </summary>
    public static OwnedDirectory? OpenShared(string path, out string problem)
    {
        problem = "";
        if (!Posix.Supported) { problem = "owner checks need Linux"; return null; }
        // The base is the user's own setting (TMPDIR, tempDir), so a link there is followed; links below it are not.
        var full = System.IO.Path.GetFullPath(path);
        full = Directory.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        var fd = Posix.OpenDirectory(Posix.AtCwd, full);
        if (fd < 0) { problem = "not a directory (or a symbolic link)"; return null; }
        return new OwnedDirectory(fd, full);
    }

    private static OwnedDirectory? Open(int parent, string name, string path, out string problem)
    {
        problem = "";
        if (!Posix.Supported) { problem = "owner checks need Linux"; return null; }
        var fd = Posix.OpenDirectory(parent, name);
        if (fd < 0) { problem = "not a directory (or a symbolic link)"; return null; }
        var facts = Posix.Stat(fd, "");
        problem = facts switch
        {
            null => "cannot be examined",
            { Uid: var uid } when uid != Posix.EffectiveUid => $"belongs to uid {uid}, not {Posix.EffectiveUid}",
            { OthersMayWrite: true } => "other users may write to it",
            _ => "",
        };
        if (problem.Length == 0) return new OwnedDirectory(fd, path);
        Posix.Close(fd);
        return null;
    }

    /// <summary>The names in the directory, listed through its descriptor.</summary>
    public IReadOnlyList<string> Names()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/self/fd/{_fd}").Select(p => System.IO.Path.GetFileName(p)).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public FileFacts? Facts(string name) => Posix.Stat(_fd, name);

    /// <summary>Removes <paramref name="name"/> when it is a plain file or socket of the agent's user and <paramref name="when"/> agrees.</summary>
    public bool RemoveFile(string name, Func<FileFacts, bool> when) =>
        Facts(name) is { } f && (f.IsRegularFile || f.IsSocket) && f.Uid == Posix.EffectiveUid && when(f) && Posix.Unlink(_fd, name, directory: false);

    /// <summary>Removes the subdirectory <paramref name="name"/> when it is empty (rmdir never follows a link).</summary>
    public bool RemoveEmptyChild(string name) => Posix.Unlink(_fd, name, directory: true);

    public void Dispose() => Posix.Close(_fd);
}
