using System.Diagnostics;
using System.Runtime.InteropServices;

namespace WebDevSync.Agent.Files;

/// <summary>What the start-up clean-up did: files removed, directories left alone (not this user's own) and why, for the first.</summary>
public sealed record LeftoverReport(int Removed, int Skipped, string? FirstSkipped);

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

    /// <summary>A new directory <c>webdevsync-&lt;pid&gt;-&lt;random&gt;</c> (mkdtemp: created 0700, never an existing name).</summary>
    public static PrivateDirectory Create(string baseDirectory)
    {
        Directory.CreateDirectory(baseDirectory);
        CheckBase(baseDirectory);
        return new PrivateDirectory(MakeTemporary(System.IO.Path.Combine(baseDirectory, $"{Prefix}{Environment.ProcessId}-")));
    }

    /// <summary>
    /// The directory of one user and relay, <c>webdevsync-u&lt;key&gt;-&lt;random&gt;</c>. A restarted agent
    /// reuses <paramref name="previous"/> (from its state file) when that is still a directory of this
    /// user and key, mode 0700, not a link, so it finds the files the editors still have open; otherwise
    /// it makes a new one with an unpredictable name (mkdtemp), so another user can neither take the
    /// name first nor slip a link in. Files of sessions that are not resumed (and whatever editors left
    /// beside them) are removed.
    /// </summary>
    public static PrivateDirectory OpenKeyed(string baseDirectory, string key, IReadOnlyCollection<string> keepFileNames, string? previous = null)
    {
        Directory.CreateDirectory(baseDirectory);
        CheckBase(baseDirectory);
        var prefix = System.IO.Path.Combine(System.IO.Path.GetFullPath(baseDirectory), $"{KeyedPrefix}{key}");
        using var reused = previous is not null && previous.StartsWith(prefix, StringComparison.Ordinal) && !previous[prefix.Length..].Contains('/')
            ? OwnedDirectory.Open(previous, out _) : null;
        if (reused is null) return new PrivateDirectory(MakeTemporary(prefix + "-"));
        File.SetUnixFileMode(reused.Path, DirMode);
        foreach (var name in reused.Names())
            reused.RemoveFile(name, _ => !keepFileNames.Any(k => name.Contains(k, StringComparison.Ordinal)));
        return new PrivateDirectory(reused.Path);
    }

    /// <summary>
    /// Refuses a base directory where another user could rename or replace the agent's directory: it
    /// must belong to this user or root, and one that others may write to must be sticky (like <c>/tmp</c>).
    /// </summary>
    private static void CheckBase(string baseDirectory)
    {
        if (!Posix.Supported) return;
        var full = System.IO.Path.GetFullPath(baseDirectory);
        full = Directory.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        var problem = Posix.Stat(Posix.AtCwd, full) switch
        {
            null => "cannot be examined",
            { Uid: var uid } when uid != Posix.EffectiveUid && uid != 0 => $"belongs to uid {uid}, who could replace the agent's directory in it",
            { OthersMayWrite: true, IsSticky: false } => "may be written by other users and is not sticky (mode 1777, like /tmp): they could replace the agent's directory in it",
            _ => null,
        };
        if (problem is not null) throw new IOException($"{full} {problem}");
    }

    private static string MakeTemporary(string prefix) =>
        Posix.MakeTemporaryDirectory(prefix, out var errno)
        ?? throw new IOException($"mkdtemp {prefix}XXXXXX failed: {Marshal.GetPInvokeErrorMessage(errno)}");

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

    /// <summary>Removes the directory and whatever editors left in it (swap files, backups), if it is still this user's own.</summary>
    public void Remove()
    {
        using (var own = OwnedDirectory.Open(Path, out _))
            if (own is null) return;
        try { Directory.Delete(Path, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Start-up clean-up of directories left by agents that died: files older than
    /// <paramref name="maxAge"/> go, then directories left empty. A live agent's directory is never
    /// touched, and neither is anything that is not this user's own (<see cref="OwnedDirectory"/>):
    /// in a shared <c>/tmp</c> another user can plant a directory or a link under a dead agent's name.
    /// </summary>
    public static LeftoverReport RemoveLeftovers(string baseDirectory, TimeSpan maxAge, DateTime nowUtc)
    {
        var (removed, skipped, firstSkipped) = (0, 0, (string?)null);
        using var shared = Directory.Exists(baseDirectory) ? OwnedDirectory.OpenShared(baseDirectory, out _) : null;
        if (shared is null) return new LeftoverReport(0, 0, null);
        foreach (var name in shared.Names())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || name.StartsWith(KeyedPrefix, StringComparison.Ordinal) || OwnerIsAlive(name)) continue;
            using var dir = shared.OpenChild(name, out var problem);
            if (dir is null)
            {
                skipped++;
                firstSkipped ??= $"{System.IO.Path.Combine(shared.Path, name)}: {problem}";
                continue;
            }
            foreach (var file in dir.Names())
                if (dir.RemoveFile(file, f => nowUtc - f.LastWriteUtc > maxAge)) removed++;
            if (dir.Names().Count == 0) shared.RemoveEmptyChild(name);
        }
        return new LeftoverReport(removed, skipped, firstSkipped);
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
