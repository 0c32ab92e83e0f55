namespace WebDevSync.Grpc.Tests.Hosting;

/// <summary>Where the interop scripts and the published proto are, found from the test binary's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string InteropScripts => Path.Combine(Root, "tests", "interop");

    public static string ProtoRoot => Path.Combine(Root, "proto");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WebDevSync.sln"))) return dir.FullName;
        throw new InvalidOperationException("WebDevSync.sln not found above " + AppContext.BaseDirectory);
    }
}
