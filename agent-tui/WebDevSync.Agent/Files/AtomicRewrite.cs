namespace WebDevSync.Agent.Files;

/// <summary>What became of a page change written to a session file.</summary>
public enum RewriteOutcome
{
    /// <summary>The file held what the agent last knew; it now holds the page's text.</summary>
    Rewritten,
    /// <summary>The file holds changes the agent has not sent (saved but not yet seen): left alone.</summary>
    HoldsUnsent,
    Failed,
}

/// <summary>
/// The page's text into the file of a save-based editor, only when nothing would be lost: the file
/// must still hold exactly what the agent last sent or received. Written to a temporary file beside
/// it (0600) and renamed over it, so an editor that reloads never sees half a file.
/// </summary>
public static class AtomicRewrite
{
    public static RewriteOutcome IfUnchanged(string path, string expected, string content)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.wds-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            if (File.ReadAllText(path) != expected) return RewriteOutcome.HoldsUnsent;
            PrivateDirectory.Write(temp, content);
            File.Move(temp, path, overwrite: true);
            return RewriteOutcome.Rewritten;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            PrivateDirectory.Delete(temp);
            return RewriteOutcome.Failed;
        }
    }
}
