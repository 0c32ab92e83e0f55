using WebDevSync.Server.Hosting;

namespace WebDevSync.Server.Tests.Hosting;

public sealed class SocketCompletionsTests
{
    private const string Switch = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    [Fact]
    public void RunInline_SwitchUnset_TurnsInlineCompletionsOn() => WithSwitch(null, () =>
    {
        SocketCompletions.RunInline();
        Assert.Equal("1", Environment.GetEnvironmentVariable(Switch));
    });

    [Fact]
    public void RunInline_OperatorTurnedItOff_KeepsTheirSetting() => WithSwitch("0", () =>
    {
        SocketCompletions.RunInline();
        Assert.Equal("0", Environment.GetEnvironmentVariable(Switch));
    });

    // The runtime read the switch when this process made its first socket, so changing it here
    // affects nothing but these assertions; it is put back all the same.
    private static void WithSwitch(string? value, Action body)
    {
        var before = Environment.GetEnvironmentVariable(Switch);
        Environment.SetEnvironmentVariable(Switch, value);
        try
        {
            body();
        }
        finally
        {
            Environment.SetEnvironmentVariable(Switch, before);
        }
    }
}
