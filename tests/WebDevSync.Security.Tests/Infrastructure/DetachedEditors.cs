namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>Drives the Scripts/detached-editor.sh processes of one test directory: which file each has, and their saves.</summary>
public sealed class DetachedEditors(string dir)
{
    private readonly string _ctl = Directory.CreateDirectory(Path.Combine(dir, "ctl")).FullName;
    private readonly Dictionary<string, int> _queued = [];

    /// <summary>The name of the file whose name contains <paramref name="part"/> (the agent names files after the textarea and session).</summary>
    public async Task<string> FileAsync(string part)
    {
        string? found = null;
        var files = Path.Combine(_ctl, "files");
        await Poll.UntilAsync(() => Directory.Exists(files) && (found = Directory.EnumerateFiles(files).Select(Path.GetFileName)
            .FirstOrDefault(n => n!.Contains(part, StringComparison.Ordinal) && !n.EndsWith(".tmp", StringComparison.Ordinal))) is not null,
            $"an editor on a file named like {part}");
        return found!;
    }

    /// <summary>Queues a save of <paramref name="content"/> in the editor of file <paramref name="name"/>; it is written in order, soon.</summary>
    public void Queue(string name, string content)
    {
        var n = _queued[name] = _queued.GetValueOrDefault(name) + 1;
        var temp = Path.Combine(_ctl, name, $"{n}.part");
        File.WriteAllText(temp, content);
        File.Move(temp, Path.Combine(_ctl, name, $"{n}.txt"));
    }

    /// <summary>Waits until every queued save is on disk.</summary>
    public Task AllSavedAsync() =>
        Poll.UntilAsync(() => _queued.All(q => File.Exists(Path.Combine(_ctl, q.Key, $"{q.Value}.done"))), "the editors to write every queued save");

    /// <summary>The editors exit when their control directory is gone.</summary>
    public void Close()
    {
        try { Directory.Delete(_ctl, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
