using WebDevSync.Agent.Configuration;

namespace WebDevSync.Agent.Hosting;

/// <summary>The text of <c>--help</c> and of the <c>config</c> subcommand.</summary>
internal static class Usage
{
    public static string Text()
    {
        var keys = string.Join('\n', ConfigKeys.All.Select(k => $"  --{k.Switch,-22} {k.Env,-32} {k.Name}: {k.Help}"));
        return $"""
            webdevsync-agent — open browser textareas in your own editor and send every save back

            usage: webdevsync-agent [run] [switches]      run the agent (full-screen UI, or log lines when headless)
                   webdevsync-agent config [switches]     print the effective configuration and where each value came from

            switches (environment variable, configuration key):
            {keys}
              --no-tmux                                                open terminal editors in this terminal even inside tmux
              --config FILE            WEBDEVSYNC_CONFIG                read only FILE instead of ~/.webdevsync/config.json
                                                                        and $XDG_CONFIG_HOME/webdevsync/config.json
              --print-config                                            same as the config subcommand
              --help, --version

            Editor templates: {EditorHelp}
            Exit codes: 0 done, 1 failure, 2 bad configuration.
            """;
    }

    public const string EditorHelp = "\"vim {file}\", \"code --wait {file}\", \"subl -w {file}\"; without {file} the path is appended.";

    public static string Config(LoadedConfig loaded)
    {
        var width = loaded.Sources.Max(s => s.Key.Length) + 2;
        var valueWidth = Math.Min(48, loaded.Sources.Max(s => s.Shown.Length) + 2);
        return string.Join('\n', loaded.Sources.Select(s => $"{s.Key.PadRight(width)}{s.Shown.PadRight(valueWidth)}{s.Source}"));
    }
}
