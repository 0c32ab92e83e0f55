namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>The real agent as these tests start it: the kit's isolated agent, headless unless told, its editor driven through a control directory.</summary>
public static class Agents
{
    /// <summary>The kit's isolating environment plus the scripted editors' control directory.</summary>
    public static Dictionary<string, string> Environment(TempDirectory dir, string controlDir) =>
        new(AgentProcess.Environment(dir.Path)) { ["WDS_EDITOR_CONTROL"] = controlDir };

    public static ChildProcess Start(TempDirectory dir, string url, string user, string editor, params string[] extra) =>
        Run(dir, ["--headless", "--url", url, "--user", user, "--editor", editor, "--temp-dir", dir.Sub("tmp"), .. extra]);

    public static ChildProcess Run(TempDirectory dir, params string[] args) =>
        AgentProcess.Start(dir.Path, args, new Dictionary<string, string> { ["WDS_EDITOR_CONTROL"] = dir.Sub("ctl") });
}
