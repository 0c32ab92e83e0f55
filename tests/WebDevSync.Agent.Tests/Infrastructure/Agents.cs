namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>Starts the real agent (headless unless told otherwise) with a private home, temp dir and editor control dir.</summary>
public static class AgentProcess
{
    public static Dictionary<string, string> Environment(TestDirectory dir, string controlDir) => new()
    {
        ["HOME"] = dir.Sub("home"),
        ["XDG_CONFIG_HOME"] = dir.Sub("config"),
        ["XDG_STATE_HOME"] = dir.Sub("state"),
        ["XDG_RUNTIME_DIR"] = "",
        ["TMUX"] = "",
        ["VISUAL"] = "",
        ["EDITOR"] = "",
        ["WDS_EDITOR_CONTROL"] = controlDir,
    };

    public static ChildProcess Start(TestDirectory dir, string url, string user, string editor, params string[] extra) =>
        new("dotnet",
            [Repo.AgentDll, "--headless", "--url", url, "--user", user, "--editor", editor, "--temp-dir", dir.Sub("tmp"), .. extra],
            Environment(dir, dir.Sub("ctl")));

    public static ChildProcess Run(TestDirectory dir, params string[] args) =>
        new("dotnet", [Repo.AgentDll, .. args], Environment(dir, dir.Sub("ctl")));
}
