using System.Collections.Immutable;
using System.Text.Json;
using WebDevSync.Core.Routing;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>
/// One restart of the relay in a run: the state it stopped in, the table it saved, the state the new
/// process restored (the first frame after it starts from <see cref="Restored"/>), and the scenario's
/// view on both sides. <see cref="BeforeFrame"/> is the index of the first frame after it.
/// </summary>
public sealed record Restart(int BeforeFrame, long NowMs, RouterState Old, ImmutableArray<Session> Saved, RouterState Restored, ScenarioModel ModelOld, ScenarioModel ModelRestored)
{
    /// <summary>
    /// What the shipped relay does: at shutdown its saver writes every session as JSON (SessionStore, the
    /// serializer's default rules), the new process reads the file back and rebuilds its router with the
    /// core's <see cref="Restore.From"/> at its start time. No socket survives: the scenario's sockets
    /// all get fresh handles and every client is gone until it connects again.
    /// </summary>
    public static Restart Of(int beforeFrame, long now, RouterState old, ScenarioModel model)
    {
        var file = JsonSerializer.SerializeToUtf8Bytes(old.Sessions.Values.ToList(), Json);
        var saved = JsonSerializer.Deserialize<List<Session>>(file, Json) ?? [];
        var restored = Restore.From(old.Options, saved, now);
        return new Restart(beforeFrame, now, old, [.. saved], restored, model, model.Restarted(now, restored));
    }

    /// <summary>SessionStore's options.</summary>
    static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public override string ToString() => $"relay restarted: {Saved.Length} session(s) saved and restored, every socket dropped";
}
