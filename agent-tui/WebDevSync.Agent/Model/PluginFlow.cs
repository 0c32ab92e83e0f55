using WebDevSync.Agent.Editors;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Agent.Model;

/// <summary>
/// Sessions edited through an editor's GhostText plugin (<c>--editor ghosttext[:PORT]</c>): the
/// "editor" is a field the agent opens in the plugin, live from the start. Connecting is the editor
/// starting (<see cref="AgentEvent.EditorStarted"/>, then <see cref="AgentEvent.LiveAttached"/>), no
/// plugin on the port is the editor failing, the plugin closing the field is the editor exiting; the
/// rest is <see cref="LiveFlow"/> as for Neovim.
/// </summary>
internal static class PluginFlow
{
    public static AgentTransition Launch(AgentState s, AgentSession x, long now)
    {
        var id = LogText.Id(x.Id);
        // One field per session: opening it again would leave two editors that each end the session.
        if (x.Live != LiveState.Off || x.RunningEditors > 0)
            return AgentTransition.Of(s).Log(LogLevel.Info, $"ghosttext_already_open {id}", now);
        var port = GhostTextEditor.Port(s.Settings.EditorTemplate) ?? GhostTextEditor.DefaultPort;
        var field = new GhostTextField(Title(x), x.Page?.Url ?? "", x.FileType, x.Content, Cursor(x));
        return AgentTransition.Of(s.Put(x with { Phase = SessionPhase.Opening, RunningEditors = 1, EditorStartedAtMs = now, Live = LiveState.Waiting }))
            .Emit(new AgentEffect.OpenGhostText(x.Id, port, field))
            .Log(LogLevel.Info, $"ghosttext_connecting {id} localhost:{port}", now);
    }

    /// <summary>
    /// A field the last agent had open went with it (its WebSocket closed when it died). The file holds
    /// only the text the field opened with, never the live changes, so it is not sent: the tab keeps
    /// the newest text, and the session closes as the editor's exit.
    /// </summary>
    public static AgentTransition Resumed(AgentState s, PersistedSession p, long now) =>
        AgentTransition.Of(s with { PendingCloses = s.PendingCloses.Add(new PendingClose(p.Id, "editor_exited")) })
            .Emit(new AgentEffect.DeleteFile(p.Id, p.FilePath))
            .Log(LogLevel.Info, $"session_ended {LogText.Id(p.Id)} its GhostText field went with the last agent", now);

    /// <summary>Plugins name the editor's buffer or tab after the title (atomic-chrome refuses an empty one).</summary>
    private static string Title(AgentSession x) =>
        x.Page?.Title is { Length: > 0 } title && !string.IsNullOrWhiteSpace(title) ? title : $"{x.TextareaId} (WebDevSync)";

    /// <summary>The page's cursor or selection, clamped to the text; the top when the page did not say (as a file opens).</summary>
    private static TextSelection Cursor(AgentSession x)
    {
        if (x.Page?.Selection is not { } sel) return new TextSelection(0, 0);
        var start = Math.Clamp(sel.Start, 0, x.Content.Length);
        return new TextSelection(start, Math.Clamp(sel.End, start, x.Content.Length));
    }
}
