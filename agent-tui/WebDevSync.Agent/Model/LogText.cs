namespace WebDevSync.Agent.Model;

/// <summary>Peer-supplied text made safe for one log line.</summary>
internal static class LogText
{
    /// <summary>Ids come from peers: in a log line they are one word, short, free of control characters.</summary>
    internal static string Id(string? text) => Clean(text, 64, c => char.IsControl(c) || char.IsWhiteSpace(c));

    /// <summary>Free text (reasons, messages) kept to one bounded line.</summary>
    internal static string Text(string? text, int max = 160) => Clean(text, max, char.IsControl);

    private static string Clean(string? text, int max, Func<char, bool> replace)
    {
        if (string.IsNullOrEmpty(text)) return "-";
        var chars = text.Take(max).Select(c => replace(c) ? '_' : c).ToArray();
        return new string(chars) + (text.Length > max ? "…" : "");
    }
}
