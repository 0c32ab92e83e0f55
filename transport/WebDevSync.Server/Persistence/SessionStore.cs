using System.Text.Json;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Persistence;

/// <summary>
/// The saved table on disk (<c>&lt;dataDir&gt;/sessions.json</c>): sessions (ids, users, textareas, the newest
/// content and sequence numbers) and the sessions that ended while their tab was away
/// (<see cref="SavedTable"/>). Written whole to a temporary file and renamed over the old one, so a
/// crash leaves either the old table or the new one. The directory is 0700 and the file 0600: it
/// holds users' code. A file of an earlier version (a bare array of sessions) is read as sessions only.
/// </summary>
internal sealed class SessionStore(string dataDir)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string FilePath { get; } = Path.Combine(dataDir, "sessions.json");

    /// <summary>The saved table; an unreadable file is set aside (<c>.corrupt</c>) and the relay starts empty.</summary>
    public SavedTable Load(Action<string> warn)
    {
        if (!File.Exists(FilePath)) return SavedTable.Empty;
        try
        {
            var bytes = File.ReadAllBytes(FilePath);
            return Parse(bytes);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            warn($"{FilePath} could not be read ({e.GetType().Name}); starting with no sessions");
            File.Move(FilePath, FilePath + ".corrupt", overwrite: true);
            return SavedTable.Empty;
        }
    }

    internal static SavedTable Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read()) throw new JsonException("empty file");
        if (reader.TokenType == JsonTokenType.StartArray)
            return new SavedTable([.. JsonSerializer.Deserialize<List<Session>>(utf8, Json) ?? []], []);
        var file = JsonSerializer.Deserialize<TableFile>(utf8, Json) ?? throw new JsonException("null table");
        return new SavedTable([.. file.Sessions ?? []], [.. file.Ended ?? []]);
    }

    public void Save(SavedTable table)
    {
        var temp = FilePath + ".tmp";
        using (var file = new FileStream(temp, PrivateFile()))
        {
            JsonSerializer.Serialize(file, new TableFile(table.Sessions.ToList(), table.Ended.ToList()), Json);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, FilePath, overwrite: true);
    }

    /// <summary>The file's shape: <c>{"Sessions":[…],"Ended":[…]}</c>.</summary>
    private sealed record TableFile(List<Session>? Sessions, List<SavedEnded>? Ended);

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
