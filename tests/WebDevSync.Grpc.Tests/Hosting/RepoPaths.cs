namespace WebDevSync.Grpc.Tests.Hosting;

/// <summary>Where the interop scripts and protos are, found from the test binary's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string InteropScripts => Path.Combine(Root, "tests", "interop");

    /// <summary>The proto root: imports are "src/proto/grpc/testing/…" as in grpc/grpc.</summary>
    public static string Protos => Path.Combine(Root, "tests", "WebDevSync.Grpc.Tests", "Protos");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WebDevSync.sln"))) return dir.FullName;
        throw new InvalidOperationException("WebDevSync.sln not found above " + AppContext.BaseDirectory);
    }
}
