using System.Collections.Immutable;
using WebDevSync.Agent.Editors;
using WebDevSync.Agent.Files;
using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Hosting;

/// <summary>The shell's half of a restart: what is there now of each session an earlier agent left (its file, its editor).</summary>
public static class Resumption
{
    public static ImmutableArray<ResumedSession> Inspect(AgentSnapshot snapshot, long maxFileBytes) =>
        [.. snapshot.Sessions.Select(p => new ResumedSession(p, Content(p.FilePath, maxFileBytes),
            p.Editor is { } editor && ProcessIdentity.IsRunning(editor)))];

    /// <summary>The file as the user left it; null when it is gone (or cannot be read whole).</summary>
    private static string? Content(string path, long maxBytes)
    {
        for (var i = 0; i < 20; i++)
        {
            switch (SaveReader.Read(path, maxBytes))
            {
                case SaveRead.Content c:
                    return c.Text;
                case SaveRead.Busy:
                    Thread.Sleep(10);
                    continue;
                default:
                    return null;
            }
        }
        return null;
    }
}
