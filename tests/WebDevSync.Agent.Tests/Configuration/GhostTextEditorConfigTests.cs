using WebDevSync.Agent.Configuration;
using WebDevSync.Json;

namespace WebDevSync.Agent.Tests.Configuration;

/// <summary><c>ghosttext</c> and <c>ghosttext:PORT</c> as the editor, from a switch or the <c>editor</c> key.</summary>
public sealed class GhostTextEditorConfigTests
{
    private static (LoadedConfig? Config, ConfigError? Error) Load(string[] args, Dictionary<string, string>? files = null)
    {
        var cl = CommandLineSyntax.Parse(args, TextWriter.Null, TextWriter.Null) is Invocation.Act act ? act.Args : throw new InvalidOperationException(string.Join(" ", args));
        var input = new ConfigInputs(cl, new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = "/xdg" }, p => files?.GetValueOrDefault(p), "/home/alice", "alice", false);
        return ConfigLoader.Load(input).Fold(c => ((LoadedConfig?)c, (ConfigError?)null), e => (null, e));
    }

    [Fact]
    public void Ghosttext_is_accepted_as_a_switch_and_as_the_editor_key()
    {
        Assert.Equal("ghosttext", Load(["--editor", "ghosttext"]).Config!.Options.PreferredIde);
        var files = new Dictionary<string, string> { ["/xdg/webdevsync/config.json"] = """{ "editor": "ghosttext:4002" }""" };
        Assert.Equal("ghosttext:4002", Load([], files).Config!.Options.PreferredIde);
    }

    [Theory]
    [InlineData("ghosttext:0")]
    [InlineData("ghosttext:70000")]
    [InlineData("ghosttext:port")]
    public void A_ghosttext_editor_with_a_bad_port_is_a_configuration_error_naming_the_key(string editor)
    {
        var error = Load(["--editor", editor]).Error!;
        Assert.Equal("preferredIDE", error.Key);
        Assert.Contains("1 to 65535", error.Problem, StringComparison.Ordinal);
    }
}
