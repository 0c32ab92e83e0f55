namespace WebDevSync.Core.Protocol;

/// <summary>The cursor (<see cref="Start"/> = <see cref="End"/>) or selection in a session's code, as UTF-16 offsets.</summary>
public sealed record TextSelection(int Start, int End);

/// <summary>
/// Where an edit request's text comes from (issue 15): the page's <c>location.href</c> and
/// <c>document.title</c>, and the cursor or selection when the page's editor knows it. Each is null
/// when the tab did not send it. The agent names the file and places the cursor from it.
/// </summary>
public sealed record PageContext(string? Url, string? Title, TextSelection? Selection)
{
    public static readonly PageContext None = new(null, null, null);

    public bool IsEmpty => Url is null && Title is null && Selection is null;
}

/// <summary>
/// The rules for a page's context, shared by the JSON and protobuf decoders: sizes, an absolute URL,
/// no control characters (both are shown on the agent's terminal), a selection inside the code.
/// </summary>
public static class PageContextRules
{
    public const int MaxUrlLength = 8192;
    public const int MaxTitleLength = 1024;

    /// <summary>Why the context is refused, naming the field as <paramref name="prefix"/> + name; null when it is fine.</summary>
    public static string? Problem(PageContext page, int codeLength, string prefix)
    {
        if (page.Url is { } url && UrlProblem(url) is { } u) return $"{prefix}url {u}";
        if (page.Title is { } title && TitleProblem(title) is { } t) return $"{prefix}title {t}";
        if (page.Selection is { } sel)
        {
            if (sel.Start < 0) return $"{prefix}selection.start must be a non-negative integer";
            if (sel.End < sel.Start) return $"{prefix}selection.end must not be before selection.start";
            if (sel.End > codeLength) return $"{prefix}selection.end is beyond the end of code ({codeLength} UTF-16 units)";
        }
        return null;
    }

    private static string? UrlProblem(string url) =>
        url.Length > MaxUrlLength ? $"is longer than {MaxUrlLength} characters"
        : HasControl(url) ? "must not contain control characters"
        : !HasScheme(url) || !Uri.TryCreate(url, UriKind.Absolute, out _) ? "must be an absolute URL"
        : null;

    private static string? TitleProblem(string title) =>
        title.Length > MaxTitleLength ? $"is longer than {MaxTitleLength} characters"
        : HasControl(title) ? "must not contain control characters"
        : null;

    /// <summary>A scheme (RFC 3986: a letter, then letters, digits, + - .) and a colon; Uri alone takes "/tmp/x" for a file URL.</summary>
    private static bool HasScheme(string url)
    {
        var colon = url.IndexOf(':');
        if (colon < 1 || !char.IsAsciiLetter(url[0])) return false;
        for (var i = 1; i < colon; i++)
            if (!(char.IsAsciiLetterOrDigit(url[i]) || url[i] is '+' or '-' or '.')) return false;
        return true;
    }

    /// <summary>
    /// C0 and DEL, as README "Page context" states (the browser library drops or blanks exactly these).
    /// C1 (U+0080–U+009F) passes: refusing it would fail edits from pages whose titles hold it, so the
    /// agent's screen, which shows the title, must not pass it to the terminal raw.
    /// </summary>
    private static bool HasControl(string s)
    {
        foreach (var c in s)
            if (c < ' ' || c == '\u007f') return true;
        return false;
    }
}
