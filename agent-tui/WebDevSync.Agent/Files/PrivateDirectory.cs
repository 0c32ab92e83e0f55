using System.Diagnostics;

namespace WebDevSync.Agent.Files;

/// <summary>
/// The agent's own directory for session files: <c>webdevsync-&lt;pid&gt;-&lt;random&gt;</c> under the base
/// directory, mode 0700, files 0600, so no other user can read the code being edited.
/// </summary>
public sealed class PrivateDirectory
{
    public const string Prefix = "webdevsync-";

    /// <summary>Directories named by an agent key rather than a pid; their own agent tidies them.</summary>
    public const string KeyedPrefix = Prefix + "u";
    private const UnixFileMode DirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private PrivateDirectory(string path) => Path = path;

    public string Path { get; }

    public static PrivateDirectory Create(string baseDirectory)
    {
        Directory.CreateDirectory(baseDirectory);
        var path = System.IO.Path.Combine(baseDirectory, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(path, DirMode);
        File.SetUnixFileMode(path, DirMode); // the umask may have narrowed it; make it exactly 0700
        return new PrivateDirectory(path);
    }

    /// <summary>
    /// The directory of one user and relay, <c>webdevsync-u&lt;key&gt;</c>: the same for every agent of that
    /// pair, so one started after a crash finds the files the editors still have open. Only the agent
    /// holding the instance lock uses it. Files of sessions that are not resumed (and whatever editors
    /// left beside them) are removed.
    /// </summary>
    public static PrivateDirectory OpenKeyed(string baseDirectory, string key, IReadOnlyCollection<string> keepFileNames)
    {
        Directory.CreateDirectory(baseDirectory);
        var path = System.IO.Path.Combine(baseDirectory, $"{KeyedPrefix}{key}");
        if (new DirectoryInfo(path) is { Exists: true, LinkTarget: not null })
            throw new IOException($"{path} is a symbolic link, not a directory of this agent");
        Directory.CreateDirectory(path, DirMode);
        File.SetUnixFileMode(path, DirMode);
        foreach (var file in Directory.EnumerateFiles(path))
        {
            var name = System.IO.Path.GetFileName(file);
            if (!keepFileNames.Any(k => name.Contains(k, StringComparison.Ordinal))) Delete(file);
        }
        return new PrivateDirectory(path);
    }

    /// <summary>Writes a session file, created 0600 (and kept 0600 when it already existed).</summary>
    public static void Write(string path, string content)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write, UnixCreateMode = FileMode };
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            writer.Write(content);
        File.SetUnixFileMode(path, FileMode);
    }

    public static void Delete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Removes the directory and whatever editors left in it (swap files, backups).</summary>
    public void Remove()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Start-up clean-up of directories left by agents that died: files older than
    /// <paramref name="maxAge"/> go, then directories left empty. A live agent's directory is never touched.
    /// </summary>
    public static int RemoveLeftovers(string baseDirectory, TimeSpan maxAge, DateTime nowUtc)
    {
        var removed = 0;
        if (!Directory.Exists(baseDirectory)) return 0;
        foreach (var dir in Directory.EnumerateDirectories(baseDirectory, Prefix + "*"))
        {
            var name = System.IO.Path.GetFileName(dir);
            if (name.StartsWith(KeyedPrefix, StringComparison.Ordinal) || OwnerIsAlive(name)) continue;
            try
            {
                foreach (var file in Directory.EnumerateFiles(dir))
                    if (nowUtc - File.GetLastWriteTimeUtc(file) > maxAge) { File.Delete(file); removed++; }
                if (!Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return removed;
    }

    private static bool OwnerIsAlive(string name)
    {
        var parts = name[Prefix.Length..].Split('-');
        if (parts.Length < 2 || !int.TryParse(parts[0], out var pid)) return false;
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
