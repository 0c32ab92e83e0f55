namespace WebDevSync.Tests.Shared;

/// <summary>The repository root (the folder with WebDevSync.sln), found from the test binary's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The server as scripts/run starts it; built by the test project's reference to it.</summary>
    public static string ServerDll => Path.Combine(Root, "transport", "WebDevSync.Server", "bin", "Debug", "net10.0", "WebDevSync.Server.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WebDevSync.sln"))) return dir.FullName;
        throw new InvalidOperationException("WebDevSync.sln not found above " + AppContext.BaseDirectory);
    }
}
