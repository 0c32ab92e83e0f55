namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>A scratch directory per test (home, config, temp files, editor control), removed afterwards.</summary>
public sealed class TestDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wds-agent-test-{Guid.NewGuid():N}");

    public TestDirectory() => System.IO.Directory.CreateDirectory(Path);

    public string Sub(string name)
    {
        var dir = System.IO.Path.Combine(Path, name);
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
