namespace WebDevSync.Server.Tests.Configuration;

public sealed class CommandLineSwitchesTests
{
    [Fact]
    public void SwitchWithSeparateValue_BecomesACamelCaseKey()
    {
        var s = CommandLineSwitches.Parse(["--grpc-port", "9000"]);
        Assert.Equal("9000", s["grpcPort"]);
    }

    [Fact]
    public void SwitchWithEquals_KeepsEverythingAfterTheFirstEquals()
    {
        var s = CommandLineSwitches.Parse(["--grpc-port=9000", "--session-secret=a=b=c"]);
        Assert.Equal("9000", s["grpcPort"]);
        Assert.Equal("a=b=c", s["sessionSecret"]);
    }

    [Fact]
    public void BareFlag_IsTrue_AlsoWhenFollowedByAnotherSwitch()
    {
        var s = CommandLineSwitches.Parse(["--debug", "--port", "1", "--insecure"]);
        Assert.Equal("true", s["debug"]);
        Assert.Equal("1", s["port"]);
        Assert.Equal("true", s["insecure"]);
    }

    [Fact]
    public void KeysAreCaseInsensitive_AndTheLastOccurrenceWins()
    {
        var s = CommandLineSwitches.Parse(["--port", "1", "--PORT", "2"]);
        Assert.Equal("2", s["port"]);
    }

    [Fact]
    public void NegativeNumbers_AreValues()
    {
        Assert.Equal("-1", CommandLineSwitches.Parse(["--grpc-port", "-1"])["grpcPort"]);
    }

    [Fact]
    public void WordsThatAreNotSwitches_AreIgnored_ButTheFirstIsTheSubcommand()
    {
        string[] args = ["token", "--user", "alice", "stray"];
        Assert.Equal("token", CommandLineSwitches.Subcommand(args));
        var s = CommandLineSwitches.Parse(args);
        Assert.Equal("alice", s["user"]);
        Assert.Single(s);
    }

    [Fact]
    public void NoSubcommand_WhenTheFirstArgumentIsASwitch()
    {
        Assert.Null(CommandLineSwitches.Subcommand(["--port", "1"]));
        Assert.Null(CommandLineSwitches.Subcommand([]));
    }

    [Fact]
    public void ColonKeys_PassThrough_SoNestedKeysCanBeSet()
    {
        Assert.Equal("http://x.example", CommandLineSwitches.Parse(["--cors:origin=http://x.example"])["cors:origin"]);
    }
}
