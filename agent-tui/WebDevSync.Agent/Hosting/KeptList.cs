using System.Globalization;

namespace WebDevSync.Agent.Hosting;

/// <summary>
/// <c>webdevsync-agent list</c>: the kept files (the text of sessions whose tab was gone, or whose agent
/// quit, while an editor had them), newest first, one per line: time, size, path.
/// </summary>
public static class KeptList
{
    public static int Print(string stateDirectory, TextWriter output)
    {
        var dir = new DirectoryInfo(Path.Combine(stateDirectory, "kept"));
        var files = dir.Exists ? dir.GetFiles().OrderByDescending(f => f.LastWriteTimeUtc).ToList() : [];
        if (files.Count == 0)
        {
            output.WriteLine($"no kept files in {dir.FullName}");
            return 0;
        }
        foreach (var f in files)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.LastWriteTime:yyyy-MM-dd HH:mm:ss}  {f.Length,9} B  {f.FullName}"));
        return 0;
    }
}
