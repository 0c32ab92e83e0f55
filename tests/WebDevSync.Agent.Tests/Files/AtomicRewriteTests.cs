namespace WebDevSync.Agent.Tests.Files;

public sealed class AtomicRewriteTests
{
    [Fact]
    public void A_file_that_holds_what_the_agent_knows_is_replaced_whole_and_stays_0600()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.js");
        PrivateDirectory.Write(path, "old");
        Assert.Equal(RewriteOutcome.Rewritten, AtomicRewrite.IfUnchanged(path, "old", "new text"));
        Assert.Equal("new text", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_file_with_a_save_the_agent_has_not_seen_is_left_alone()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.js");
        PrivateDirectory.Write(path, "saved by the user");
        Assert.Equal(RewriteOutcome.HoldsUnsent, AtomicRewrite.IfUnchanged(path, "old", "page text"));
        Assert.Equal("saved by the user", File.ReadAllText(path));
    }

    [Fact]
    public void A_missing_file_is_a_failure_not_an_exception()
    {
        using var dir = new TempDirectory();
        Assert.Equal(RewriteOutcome.Failed, AtomicRewrite.IfUnchanged(Path.Combine(dir.Path, "gone.js"), "", "x"));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
