using System.Runtime.CompilerServices;

namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>Paths of the built programs and of the test editors, found from this source file.</summary>
public static class Repo
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(ThisDirectory(), "..", "..", ".."));

    public static string TestsDirectory => Path.Combine(Root, "tests", "WebDevSync.Agent.Tests");

    public static string Editor(string name) => Path.Combine(TestsDirectory, "Editors", name);

    public static string ServerDll => Path.Combine(Root, "transport", "WebDevSync.Server", "bin", "Debug", "net10.0", "WebDevSync.Server.dll");

    /// <summary>The agent as the test run built it (next to this assembly: it is a project reference).</summary>
    public static string AgentDll => Path.Combine(AppContext.BaseDirectory, "WebDevSync.Agent.dll");

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
