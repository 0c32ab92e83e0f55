namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>Drives Editors/scripted-editor.sh through its control directory (see the script's header).</summary>
public sealed class EditorControl(string directory)
{
    private int _next = 1;

    public string Directory { get; } = directory;

    /// <summary>The path the agent gave the editor.</summary>
    public async Task<string> FileAsync()
    {
        var marker = Path.Combine(Directory, "file");
        await Poll.UntilAsync(() => File.Exists(marker), "the editor to start");
        return File.ReadAllText(marker).Trim();
    }

    /// <summary>The editor saves <paramref name="content"/>; returns once the save is on disk.</summary>
    public async Task SaveAsync(string content)
    {
        var n = _next++;
        Drop($"{n}.txt", content);
        await Poll.UntilAsync(() => File.Exists(Path.Combine(Directory, $"{n}.done")), $"save {n}");
    }

    /// <summary>The editor saves and exits at once.</summary>
    public void SaveAndExit(string content) => Drop($"{_next++}.final", content);

    public void Exit(int code = 0) => Drop($"{_next++}.quit", code.ToString());

    private void Drop(string name, string content)
    {
        var temp = Path.Combine(Directory, name + ".part");
        File.WriteAllText(temp, content);
        File.Move(temp, Path.Combine(Directory, name));
    }
}
