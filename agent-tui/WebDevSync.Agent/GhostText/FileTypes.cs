namespace WebDevSync.Agent.GhostText;

/// <summary>
/// A file type for a GhostText field: its <c>syntax</c> when the extension names one (PROTOCOL.md
/// calls it unused, and it is mostly empty), else a guess from well-known sites, else <c>txt</c>.
/// </summary>
public static class FileTypes
{
    public static string From(string syntax, string url)
    {
        var s = new string(syntax.Where(char.IsAsciiLetterOrDigit).Take(16).ToArray()).ToLowerInvariant();
        if (s.Length > 0) return s;
        var host = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : "";
        return host switch
        {
            "github.com" or "gitlab.com" or "bitbucket.org" or "stackoverflow.com" or "reddit.com" or "www.reddit.com" => "md",
            _ => "txt",
        };
    }
}
