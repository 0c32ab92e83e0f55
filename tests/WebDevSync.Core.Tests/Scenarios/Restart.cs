using System.Text.Json;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>
/// One restart of the relay in a run: the state it stopped in, the table it saved, the state the new
/// process restored (the first frame after it starts from <see cref="Restored"/>), and the scenario's
/// view on both sides. <see cref="BeforeFrame"/> is the index of the first frame after it.
/// </summary>
public sealed record Restart(int BeforeFrame, long NowMs, RouterState Old, SavedTable Saved, RouterState Restored, ScenarioModel ModelOld, ScenarioModel ModelRestored)
{
    /// <summary>
    /// What the shipped relay does: at shutdown its saver writes every session and every ended-while-away
    /// report as JSON (SessionStore, the serializer's default rules), the new process reads the file back and rebuilds its router with the
    /// core's <see cref="Restore.From"/> at its start time. No socket survives: the scenario's sockets
    /// all get fresh handles and every client is gone until it connects again.
    /// </summary>
    public static Restart Of(int beforeFrame, long now, RouterState old, ScenarioModel model)
    {
        var table = SavedTable.Of([old]);
        var file = JsonSerializer.SerializeToUtf8Bytes(new TableFile([.. table.Sessions], [.. table.Ended]), Json);
        var read = JsonSerializer.Deserialize<TableFile>(file, Json)!;
        var saved = new SavedTable([.. read.Sessions], [.. read.Ended]);
        var restored = Restore.From(old.Options, saved, now);
        return new Restart(beforeFrame, now, old, saved, restored, model, model.Restarted(now, restored));
    }

    /// <summary>SessionStore's file shape.</summary>
    sealed record TableFile(List<Session> Sessions, List<SavedEnded> Ended);

    /// <summary>SessionStore's options.</summary>
    static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public override string ToString() => $"relay restarted: {Saved.Sessions.Length} session(s) and {Saved.Ended.Length} ended-while-away report(s) saved and restored, every socket dropped";
}
