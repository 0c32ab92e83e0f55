namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>
/// A real editor (nvim or vim, no user config) in a private tmux server, on a file in a test
/// directory, with the keys a person would type. Records what a live link reports.
/// </summary>
public sealed class EditorInTmux : IDisposable
{
    private readonly Tmux _tmux;

    private EditorInTmux(TempDirectory dir, Tmux tmux, string file) => (Directory, _tmux, File) = (dir, tmux, file);

    public TempDirectory Directory { get; }

    public string File { get; }

    public ConcurrentQueue<string> Reported { get; } = new();

    public static EditorInTmux Start(string fileName, string text, Func<string, string[]> argv)
    {
        var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, fileName);
        System.IO.File.WriteAllText(file, text);
        var tmux = new Tmux(new Dictionary<string, string> { ["HOME"] = dir.Sub("home"), ["XDG_CONFIG_HOME"] = dir.Sub("config") });
        tmux.Run(["new-session", "-d", "-s", "ed", "-x", "100", "-y", "30", .. argv(file)]);
        return new EditorInTmux(dir, tmux, file);
    }

    public void Type(string literal) => _tmux.Run("send-keys", "-t", "ed:0", "-l", literal);

    public void Keys(params string[] keys) => _tmux.Run(["send-keys", "-t", "ed:0", .. keys]);

    /// <summary>An Ex command from normal mode: <c>:cmd</c> then Enter.</summary>
    public void Ex(string command)
    {
        Keys("Escape");
        Type(":" + command);
        Keys("Enter");
    }

    public Task<string> WaitForScreenAsync(Func<string, bool> ready, string what) => _tmux.WaitForScreenAsync("ed:0", ready, what);

    public Task WaitForReportAsync(string text) =>
        Poll.UntilAsync(() => Reported.Contains(text), $"the editor to report {Show(text)}; reported: {string.Join(" | ", Reported.Select(Show))}");

    public bool Running
    {
        get
        {
            try { _tmux.Run("has-session", "-t", "ed"); return true; }
            catch (InvalidOperationException) { return false; }
        }
    }

    public static string Show(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("WDS_KEEP_TMUX") is { Length: > 0 }) { System.IO.File.WriteAllText("/tmp/wds-kept-tmux", _tmux.Socket); return; }
        _tmux.Dispose();
        Directory.Dispose();
    }
}
