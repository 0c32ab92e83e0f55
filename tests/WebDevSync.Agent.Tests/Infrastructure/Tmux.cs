using System.Diagnostics;

namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>A private tmux server (<c>-L</c> socket name, no user config) for end-to-end tests of the real TUI.</summary>
public sealed class Tmux : IDisposable
{
    private readonly Dictionary<string, string> _env;

    public Tmux(Dictionary<string, string> env)
    {
        Socket = $"wds-test-{Guid.NewGuid().ToString("N")[..10]}";
        _env = new Dictionary<string, string>(env) { ["TMUX"] = "", ["TERM"] = "xterm-256color" };
    }

    public string Socket { get; }

    /// <summary>Fails the test with a clear message when a program it needs is missing.</summary>
    public static void Require(params string[] programs)
    {
        foreach (var p in programs)
        {
            var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, p)));
            if (!found) throw new InvalidOperationException($"'{p}' is not installed; this end-to-end test needs tmux and vim (scripts/test installs them with apt-get install -y tmux vim)");
        }
    }

    public string Run(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-L", Socket, "-f", "/dev/null", .. args]) start.ArgumentList.Add(a);
        foreach (var (k, v) in _env) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed: {error}");
        return output;
    }

    /// <summary>A <c>$TMUX</c> value that puts a process outside tmux "inside" this server, so it opens windows there.</summary>
    public string TmuxVariable() => $"{Run("display-message", "-p", "#{socket_path}").Trim()},0,0";

    public string Capture(string target) => Run("capture-pane", "-p", "-t", target);

    public async Task<string> WaitForScreenAsync(string target, Func<string, bool> ready, string what, TimeSpan? limit = null)
    {
        var screen = "";
        try
        {
            await Poll.UntilAsync(() =>
            {
                try { screen = Capture(target); }
                catch (InvalidOperationException) { screen = ""; }
                return ready(screen);
            }, what, limit);
        }
        catch (TimeoutException e)
        {
            // The screen as last seen (an interpolated message would show it as it was before waiting).
            throw new TimeoutException($"{e.Message}; screen of {target}:\n{screen}", e);
        }
        return screen;
    }

    public void Dispose()
    {
        try { Run("kill-server"); }
        catch (InvalidOperationException) { }
    }
}
