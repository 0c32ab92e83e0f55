namespace WebDevSync.Agent.Model;

/// <summary>Peer-supplied text made safe for one log line (<see cref="ShownText"/>: no control or format characters).</summary>
internal static class LogText
{
    /// <summary>Ids come from peers: in a log line they are one word, short, free of control and format characters.</summary>
    internal static string Id(string? text) => Clean(text, 64, wordOnly: true);

    /// <summary>Free text (reasons, messages) kept to one bounded line.</summary>
    internal static string Text(string? text, int max = 160) => Clean(text, max, wordOnly: false);

    private static string Clean(string? text, int max, bool wordOnly)
    {
        if (string.IsNullOrEmpty(text)) return "-";
        var cut = text.Length > max ? text[..max] : text;
        var chars = ShownText.Of(cut).Select(c => wordOnly && char.IsWhiteSpace(c) ? ShownText.Replacement : c).ToArray();
        return new string(chars) + (text.Length > max ? "…" : "");
    }
}
