namespace WebDevSync.TestKit;

/// <summary>The repository root (the folder with WebDevSync.sln), found from the running binary's folder, and the built programs in it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The relay as scripts/run starts it; built by the suites' project references to it.</summary>
    public static string ServerDll => Path.Combine(Root, "transport", "WebDevSync.Server", "bin", "Debug", "net10.0", "WebDevSync.Server.dll");

    /// <summary>The agent as the Debug build leaves it.</summary>
    public static string AgentDll => Path.Combine(Root, "agent-tui", "WebDevSync.Agent", "bin", "Debug", "net10.0", "WebDevSync.Agent.dll");

    /// <summary>A suite's own folder, e.g. <c>Suite("WebDevSync.Agent.Tests")</c>, for the scripts and files it keeps there.</summary>
    public static string Suite(string project) => Path.Combine(Root, "tests", project);

    /// <summary>The non-.NET interop clients (grpc-js, connect-node, Python).</summary>
    public static string InteropScripts => Path.Combine(Root, "tests", "interop");

    /// <summary>The published proto files' root.</summary>
    public static string ProtoRoot => Path.Combine(Root, "proto");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WebDevSync.sln"))) return dir.FullName;
        throw new InvalidOperationException("WebDevSync.sln not found above " + AppContext.BaseDirectory);
    }
}
