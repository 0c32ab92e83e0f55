using System.Collections.Immutable;
using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Views;

public enum Tone
{
    Good,
    Busy,
    Warn,
    Bad,
}

/// <summary>One session's row. <see cref="Page"/> is where its text comes from (host and title) or, when the tab did not say, the tab's connection id.</summary>
public sealed record SessionRow(string TextareaId, string Page, string File, string Editor, string State, string LastSync, string Size, int SavesSent, bool Selected);

/// <summary>What the screen shows, derived from the state by a pure function; the renderer only lays it out.</summary>
public sealed record ViewModel(
    string ServerUrl,
    string UserId,
    string Connection,
    Tone ConnectionTone,
    ImmutableArray<SessionRow> Rows,
    ImmutableArray<(string Time, LogLevel Level, string Text)> Log,
    bool Debug,
    bool ShowHelp,
    string? ConfirmingClose)
{
    /// <summary>While <c>q</c> asks whether to quit with sessions open: what quitting will do.</summary>
    public string? ConfirmingQuit { get; init; }

    /// <summary>Below this many columns the Page and Editor columns are left out.</summary>
    public const int NarrowWidth = 100;

    public static readonly ImmutableArray<string> HelpLines =
    [
        "o / Enter   open the selected session's file in the editor again",
        "c           close the selected session (asks first; the browser is told)",
        "r           reconnect to the relay now",
        "d           show or hide debug lines in the log",
        "h / ?       show or hide this help",
        "↑ ↓ / k j   select a session (or click it)",
        "q / Ctrl-C  quit: close every session and remove its file",
    ];

    public static ViewModel From(AgentState s, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Local;
        string Clock(long ms) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), zone).ToString("HH:mm:ss");
        var (text, tone) = s.Link switch
        {
            LinkState.Connected => ("connected", Tone.Good),
            LinkState.Connecting => ("connecting", Tone.Busy),
            LinkState.Waiting w => ($"reconnecting in {Math.Max(0, (w.RetryAtMs - s.NowMs + 999) / 1000)} s — {w.Reason}", Tone.Warn),
            LinkState.Stopped st => ($"error: {st.Reason}", Tone.Bad),
            _ => ("starting", Tone.Busy),
        };
        var selected = s.SelectedSession?.Id;
        // Textarea ids, connection ids, titles and reasons come from peers: ShownText keeps bidi and control characters off the screen.
        var rows = s.Sessions.Select(x => new SessionRow(
            ShownText.Of(x.TextareaId), PageOf(x.Page) is { Length: > 0 } page ? page : ShownText.Of(x.BrowserConnectionId), x.FileName, x.EditorName ?? (x.Kind == Editors.EditorKind.Terminal ? "terminal" : "gui"),
            Describe(x), x.LastSyncMs is { } t ? Clock(t) : "—", Size(x.SizeBytes), x.SavesSent, x.Id == selected)).ToImmutableArray();
        var log = s.Log.Where(e => s.Debug || e.Level != LogLevel.Debug).Select(e => (Clock(e.AtMs), e.Level, ShownText.Of(e.Text))).ToImmutableArray();
        var confirming = s.ConfirmingClose is { } id && s.Find(id) is { } asked ? ShownText.Of($"{asked.TextareaId} ({asked.FileName})") : null;
        return new ViewModel(s.Settings.ServerUrl, s.Settings.UserId, ShownText.Of(text), tone, rows, log, s.Debug, s.ShowHelp, confirming)
        {
            ConfirmingQuit = s.ConfirmingQuit ? QuitQuestion(s) : null,
        };
    }

    /// <summary>What quitting will do, for the question <c>q</c> asks while sessions are open.</summary>
    private static string QuitQuestion(AgentState s)
    {
        var held = s.Sessions.Count(x => x.RunningEditors > 0 || x.Phase == SessionPhase.Detached);
        var open = s.Sessions.Count == 1 ? "1 session is open" : $"{s.Sessions.Count} sessions are open";
        return held == 0 ? $"{open}; quitting closes it in the browser."
            : $"{open}; quitting closes it in the browser.\nEditors still open keep their files; their text is kept (webdevsync-agent list).";
    }

    private static string Describe(AgentSession x) => (x.Phase, x.Unsent, x.Live) switch
    {
        (SessionPhase.Kept, _, _) => "kept",
        (_, true, _) => "unsent",
        (SessionPhase.Opening, _, _) => "opening",
        (SessionPhase.Editing, _, LiveState.On) => "editing live",
        (SessionPhase.Editing, _, _) => "editing",
        _ => "detached",
    };

    /// <summary>The page a session came from: its host and title (the relay refused control characters in both), shortened.</summary>
    public static string PageOf(WebDevSync.Core.Protocol.PageContext? page)
    {
        if (page is null) return "";
        var host = page.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Authority : "";
        var text = (host, page.Title) switch
        {
            ("", null or "") => "",
            (_, null or "") => host,
            ("", var title) => title,
            (_, var title) => $"{host} — {title}",
        };
        // The relay refuses C0 and DEL in titles but passes C1 (an 8-bit CSI among them) and bidi controls: never put those on a terminal.
        text = ShownText.Of(text, '?');
        return text.Length > 48 ? text[..47] + "…" : text;
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MiB",
    };
}
