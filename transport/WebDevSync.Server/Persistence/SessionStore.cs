using System.Text.Json;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Persistence;

/// <summary>
/// The session table on disk (<c>&lt;dataDir&gt;/sessions.json</c>): session ids, users, textareas, the newest
/// content and sequence numbers. Written whole to a temporary file and renamed over the old one, so a
/// crash leaves either the old table or the new one. The directory is 0700 and the file 0600: it
/// holds users' code.
/// </summary>
internal sealed class SessionStore(string dataDir)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string FilePath { get; } = Path.Combine(dataDir, "sessions.json");

    /// <summary>The saved sessions; an unreadable file is set aside (<c>.corrupt</c>) and the relay starts empty.</summary>
    public IReadOnlyList<Session> Load(Action<string> warn)
    {
        if (!File.Exists(FilePath)) return [];
        try
        {
            using var file = File.OpenRead(FilePath);
            return JsonSerializer.Deserialize<List<Session>>(file, Json) ?? [];
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            warn($"{FilePath} could not be read ({e.GetType().Name}); starting with no sessions");
            File.Move(FilePath, FilePath + ".corrupt", overwrite: true);
            return [];
        }
    }

    public void Save(IEnumerable<Session> sessions)
    {
        var temp = FilePath + ".tmp";
        using (var file = new FileStream(temp, PrivateFile()))
        {
            JsonSerializer.Serialize(file, sessions.ToList(), Json);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, FilePath, overwrite: true);
    }

    private FileStreamOptions PrivateFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDir);
            return options;
        }
        Directory.CreateDirectory(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }
}
