using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.State;

/// <summary>What loading the state file gave: nothing to resume, an earlier agent's snapshot, or a file set aside.</summary>
public abstract record StateLoad
{
    private StateLoad() { }

    public sealed record Fresh : StateLoad;

    public sealed record Found(AgentSnapshot Snapshot) : StateLoad;

    /// <summary>The file did not read as this agent's state; it was moved to <paramref name="MovedTo"/>.</summary>
    public sealed record SetAside(string Problem, string MovedTo) : StateLoad;
}

/// <summary>
/// The agent's state file, <c>$XDG_STATE_HOME/webdevsync/agent-&lt;key&gt;.json</c>: written whole to a
/// temporary file (0600) and renamed over the old one on every change, so a kill at any moment leaves
/// the old or the new state, never a torn one. A file that does not read as ours is set aside, never fatal.
/// </summary>
public sealed class StateFile(string path)
{
    public const string Format = "webdevsync-agent-state";
    public const int Version = 1;
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirMode = PrivateMode | UnixFileMode.UserExecute;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    public string Path { get; } = path;

    public static StateFile For(string stateDirectory, string key) => new(System.IO.Path.Combine(stateDirectory, $"agent-{key}.json"));

    private sealed record Document(string Format, int Version, string UserId, string ServerUrl, string ConnectionId, string TempDirectory,
        ImmutableArray<PersistedSession> Sessions);

    public StateLoad Load(string userId, string serverUrl, DateTime nowUtc)
    {
        string text;
        try
        {
            if (!File.Exists(Path)) return new StateLoad.Fresh();
            text = File.ReadAllText(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Aside($"cannot be read ({e.GetType().Name})", nowUtc);
        }
        Document? doc;
        try { doc = JsonSerializer.Deserialize<Document>(text, Json); }
        catch (JsonException e) { return Aside($"is not valid ({e.Message})", nowUtc); }
        if (doc is null || doc.Format != Format || doc.Version != Version || doc.Sessions.IsDefault)
            return Aside($"is not a version {Version} {Format} file", nowUtc);
        if (doc.UserId != userId || doc.ServerUrl is null || !RelayIdentity.Same(doc.ServerUrl, serverUrl))
            return Aside("belongs to another user or relay", nowUtc);
        if (doc.Sessions.Any(s => s is null || s.Id is null || s.FilePath is null || !s.FilePath.StartsWith(doc.TempDirectory + "/", StringComparison.Ordinal)))
            return Aside("names a session file outside its temp directory", nowUtc);
        return new StateLoad.Found(new AgentSnapshot(doc.UserId, doc.ServerUrl, doc.ConnectionId, doc.TempDirectory, doc.Sessions));
    }

    /// <summary>Replaces the file with <paramref name="snapshot"/> in one rename.</summary>
    public void Save(AgentSnapshot snapshot)
    {
        var dir = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(dir)) Directory.CreateDirectory(dir, DirMode);
        var temp = $"{Path}.{Environment.ProcessId}.tmp";
        var doc = new Document(Format, Version, snapshot.UserId, snapshot.ServerUrl, snapshot.ConnectionId, snapshot.TempDirectory, snapshot.Sessions);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = PrivateMode };
        using (var stream = new FileStream(temp, options)) JsonSerializer.Serialize(stream, doc, Json);
        File.Move(temp, Path, overwrite: true);
    }

    /// <summary>A clean exit leaves nothing to resume.</summary>
    public void Delete()
    {
        try { File.Delete(Path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private StateLoad Aside(string problem, DateTime nowUtc)
    {
        var moved = $"{Path}.bad-{nowUtc:yyyyMMddTHHmmss}";
        try { File.Move(Path, moved, overwrite: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { moved = "(could not be moved: " + e.GetType().Name + ")"; }
        return new StateLoad.SetAside(problem, moved);
    }
}
