using System.Globalization;
using WebDevSync.Agent.Files;

namespace WebDevSync.Agent.Hosting;

/// <summary>
/// <c>webdevsync-agent list</c>: the kept files (the text of sessions whose tab was gone, or whose agent
/// quit, while an editor had them), newest first, one per line: time, size, path, and from when an agent
/// that starts removes it (<c>keptFileMaxAgeDays</c>, <see cref="KeptFiles"/>).
/// </summary>
public static class KeptList
{
    public static int Print(string stateDirectory, int maxAgeDays, TextWriter output)
    {
        var dir = new DirectoryInfo(Path.Combine(stateDirectory, KeptFiles.DirectoryName));
        var files = dir.Exists ? dir.GetFiles().OrderByDescending(f => f.LastWriteTimeUtc).ToList() : [];
        if (files.Count == 0)
        {
            output.WriteLine($"no kept files in {dir.FullName}");
            return 0;
        }
        var maxAge = TimeSpan.FromDays(maxAgeDays);
        foreach (var f in files)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{f.LastWriteTime:yyyy-MM-dd HH:mm:ss}  {f.Length,9} B  {f.FullName}  (removed after {KeptFiles.RemovedAfter(f.LastWriteTimeUtc, maxAge).ToLocalTime():yyyy-MM-dd})"));
        output.WriteLine($"kept files not changed for {maxAgeDays} days are removed when an agent starts (keptFileMaxAgeDays)");
        return 0;
    }
}
