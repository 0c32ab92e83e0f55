using System.Globalization;

namespace WebDevSync.Agent.Model;

/// <summary>
/// What may reach the terminal or the log of peer text. Control characters (C0, C1: a C1 CSI drives
/// a terminal) and invisible format characters are replaced: bidi embeddings, overrides and isolates
/// (U+202A–202E, U+2066–2069), marks (U+200E, U+200F, U+061C), zero-width characters and the rest of
/// Unicode's Cf category, which can make a log line or a file name read as something else
/// (Trojan Source, CVE-2021-42574). Line and paragraph separators and unpaired surrogates go too.
/// </summary>
public static class ShownText
{
    public const char Replacement = '_';

    public static bool IsUnsafe(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c)) return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }

    /// <summary><paramref name="text"/> with every unsafe character made <paramref name="replacement"/>.</summary>
    public static string Of(string? text, char replacement = Replacement)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (IsUnsafe(text, i)) chars[i] = replacement;
        return new string(chars);
    }
}
