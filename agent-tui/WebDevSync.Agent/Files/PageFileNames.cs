using System.Text;

namespace WebDevSync.Agent.Files;

/// <summary>
/// Session file names that say where the text comes from:
/// <c>&lt;host&gt;-&lt;textareaId&gt;-&lt;short session id&gt;.&lt;ext&gt;</c>, e.g.
/// <c>github.com-comment-body-1a2b3c4d.md</c>. The host comes from the page's URL (a peer's
/// string, so reduced to letters, digits, <c>.</c> and <c>-</c>, no leading dot, bounded); without a
/// usable URL the name is as before.
/// </summary>
public static class PageFileNames
{
    public const int MaxHostLength = 40;

    public static string For(string? url, string? textareaId, string? sessionId, string? fileType)
    {
        var plain = FileNames.For(textareaId, sessionId, fileType);
        return Host(url) is { } host ? $"{host}-{plain}" : plain;
    }

    /// <summary>The URL's host without <c>www.</c>, with the port as <c>_8080</c>; null for no URL or a URL without a host.</summary>
    public static string? Host(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)) return null;
        var host = uri.IdnHost.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.IdnHost[4..] : uri.IdnHost;
        if (!uri.IsDefaultPort) host += $"_{uri.Port}";
        var safe = new StringBuilder();
        foreach (var c in host.ToLowerInvariant())
        {
            if (safe.Length == MaxHostLength) break;
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }
        var name = safe.ToString().Trim('.', '-', '_');
        while (name.Contains("..", StringComparison.Ordinal)) name = name.Replace("..", ".", StringComparison.Ordinal);
        return name.Length == 0 ? null : name;
    }
}
