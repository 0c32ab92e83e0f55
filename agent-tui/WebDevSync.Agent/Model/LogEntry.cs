namespace WebDevSync.Agent.Model;

public enum LogLevel
{
    Debug,
    Info,
    Error,
}

/// <summary>
/// One line of the agent's log: the log pane shows it, headless mode prints <see cref="Text"/> as is
/// (<c>update_sent s1 42</c>). Never carries users' code or the token.
/// </summary>
public sealed record LogEntry(long Seq, long AtMs, LogLevel Level, string Text);
