using System.Text;
using System.Text.RegularExpressions;

namespace WebDevSync.Agent.Files;

/// <summary>
/// Names for session files: <c>&lt;textareaId&gt;-&lt;short session id&gt;.&lt;ext&gt;</c>, so the editor shows
/// something meaningful. Every part comes from a peer, so every part is reduced to a safe alphabet:
/// no separators, no leading dot, no <c>..</c>, bounded length. The result is always a plain name.
/// </summary>
public static partial class FileNames
{
    public const int MaxStemLength = 48;
    public const int ShortIdLength = 8;
    public const string DefaultExtension = "txt";

    // \z, not $: in .NET "$" also matches before a final newline, which let "js\n" through.
    [GeneratedRegex(@"\A[A-Za-z0-9]{1,16}\z")]
    private static partial Regex ExtensionPattern();

    /// <summary>The file type as an extension: anything outside <c>[A-Za-z0-9]{1,16}</c> becomes <c>txt</c>.</summary>
    public static string Extension(string? fileType) =>
        fileType is not null && ExtensionPattern().IsMatch(fileType) ? fileType : DefaultExtension;

    /// <summary>The textarea id with everything but letters, digits, <c>_</c> and <c>-</c> made <c>_</c>.</summary>
    public static string Stem(string? textareaId)
    {
        var safe = Keep(textareaId ?? "", c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-', '_', MaxStemLength).Trim('_', '-');
        return safe.Length == 0 ? "textarea" : safe;
    }

    /// <summary>The first letters and digits of the session id (ids are client-chosen UUIDs, mostly).</summary>
    public static string ShortId(string? sessionId)
    {
        var letters = new string((sessionId ?? "").Where(char.IsAsciiLetterOrDigit).Take(ShortIdLength).ToArray());
        return letters.Length > 0 ? letters : "session";
    }

    public static string For(string? textareaId, string? sessionId, string? fileType) =>
        $"{Stem(textareaId)}-{ShortId(sessionId)}.{Extension(fileType)}";

    /// <summary><paramref name="name"/>, or <c>stem-2.ext</c>, <c>stem-3.ext</c>… when it is taken.</summary>
    public static string Unique(string name, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        if (!used.Contains(name)) return name;
        var dot = name.LastIndexOf('.');
        var (stem, ext) = dot > 0 ? (name[..dot], name[dot..]) : (name, "");
        for (var i = 2; ; i++)
            if (!used.Contains($"{stem}-{i}{ext}")) return $"{stem}-{i}{ext}";
    }

    private static string Keep(string text, Func<char, bool> allowed, char replacement, int max)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            if (sb.Length == max) break;
            sb.Append(allowed(c) ? c : replacement);
        }
        return sb.ToString();
    }
}
