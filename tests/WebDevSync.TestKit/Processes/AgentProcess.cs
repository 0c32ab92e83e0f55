namespace WebDevSync.TestKit.Processes;

/// <summary>
/// The real agent (<c>dotnet WebDevSync.Agent.dll</c>) as a child process with a private home, config and
/// state directory under one test directory, so a restart finds what the previous one left and nothing
/// of the machine's own (tmux, editor, runtime dir) leaks in.
/// </summary>
public static class AgentProcess
{
    /// <summary>The isolating environment: HOME and XDG dirs under <paramref name="dir"/>, no TMUX, VISUAL, EDITOR or XDG_RUNTIME_DIR.</summary>
    public static Dictionary<string, string> Environment(string dir) => new()
    {
        ["HOME"] = Sub(dir, "home"),
        ["XDG_CONFIG_HOME"] = Sub(dir, "config"),
        ["XDG_STATE_HOME"] = Sub(dir, "state"),
        ["XDG_RUNTIME_DIR"] = "",
        ["TMUX"] = "",
        ["VISUAL"] = "",
        ["EDITOR"] = "",
    };

    /// <summary>Starts the agent with <paramref name="args"/> in the environment of <paramref name="dir"/> plus <paramref name="extra"/>.</summary>
    public static ChildProcess Start(string dir, IEnumerable<string> args, IReadOnlyDictionary<string, string>? extra = null)
    {
        if (!File.Exists(RepoPaths.AgentDll)) throw new InvalidOperationException($"build the agent first: {RepoPaths.AgentDll} is missing");
        var env = Environment(dir);
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) env[k] = v;
        return new ChildProcess("dotnet", [RepoPaths.AgentDll, .. args], env);
    }

    private static string Sub(string dir, string name) => Directory.CreateDirectory(Path.Combine(dir, name)).FullName;
}
