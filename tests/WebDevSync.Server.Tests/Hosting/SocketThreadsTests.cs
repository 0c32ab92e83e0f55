using WebDevSync.Server.Hosting;

namespace WebDevSync.Server.Tests.Hosting;

public sealed class SocketThreadsTests
{
    private const string Inline = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    private const string Threads = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    [Theory]
    [InlineData(1, "1")]
    [InlineData(2, "1")]
    [InlineData(8, "4")]
    public void Configure_SwitchesUnset_InlineCompletionsOn_AndHalfAsManySocketThreadsAsCpus(int cpus, string threads) =>
        WithSwitches(null, null, () =>
        {
            SocketThreads.Configure(cpus);
            Assert.Equal("1", Environment.GetEnvironmentVariable(Inline));
            Assert.Equal(threads, Environment.GetEnvironmentVariable(Threads));
        });

    [Fact]
    public void Configure_OperatorSetBoth_KeepsTheirSettings() => WithSwitches("0", "3", () =>
    {
        SocketThreads.Configure(2);
        Assert.Equal("0", Environment.GetEnvironmentVariable(Inline));
        Assert.Equal("3", Environment.GetEnvironmentVariable(Threads));
    });

    // The runtime read the switches when this process made its first socket, so changing them here
    // affects nothing but these assertions; they are put back all the same.
    private static void WithSwitches(string? inline, string? threads, Action body)
    {
        var before = (Environment.GetEnvironmentVariable(Inline), Environment.GetEnvironmentVariable(Threads));
        Environment.SetEnvironmentVariable(Inline, inline);
        Environment.SetEnvironmentVariable(Threads, threads);
        try
        {
            body();
        }
        finally
        {
            Environment.SetEnvironmentVariable(Inline, before.Item1);
            Environment.SetEnvironmentVariable(Threads, before.Item2);
        }
    }
}
