namespace WebDevSync.Core.Tests.Properties;

/// <summary>
/// How scenario properties judge a run: frame by frame, failing with the story up to the frame that
/// broke them. The scenarios come from <see cref="ScenarioPropertyAttribute"/> and its live twin.
/// </summary>
public static class Checking
{
    /// <summary>Runs <paramref name="check"/> on every frame; a non-null answer is the violation.</summary>
    public static void EveryFrame(Trace trace, Func<Frame, string?> check)
    {
        for (var i = 0; i < trace.Frames.Length; i++)
            if (check(trace.Frames[i]) is { } violation)
                throw new PropertyViolation(trace, i, violation);
    }

    /// <summary>The users whose data a message carries, by the tags the runner put on codes and textareas.</summary>
    public static IEnumerable<string> TagsOf(ServerMessage message) => (message switch
    {
        ServerMessage.EditRequest e => [e.Code, e.TextareaId],
        ServerMessage.CodeUpdate u => [u.Code, u.TextareaId],
        ServerMessage.CodeOvertaken o => [o.Code, o.TextareaId],
        ServerMessage.CodeAck a => [a.TextareaId],
        ServerMessage.SessionClosed c => [c.TextareaId],
        _ => Array.Empty<string?>(),
    }).Select(Pools.TagOf).OfType<string>().Distinct();

    public static string? SessionIdOf(ClientMessage body) => body switch
    {
        ClientMessage.EditRequest e => e.SessionId,
        ClientMessage.CodeUpdate u => u.SessionId,
        ClientMessage.SessionClosed c => c.SessionId,
        _ => null,
    };

    public static bool IsFreshConnect(Frame f, out Input.Message message, out ServerMessage.ConnectionAck ack)
    {
        message = (f.Input as Input.Message)!;
        ack = null!;
        if (message is not { Body: ClientMessage.BrowserConnect or ClientMessage.DesktopConnect } || f.ModelBefore.IdentOf(message.Conn) is not null) return false;
        var conn = message.Conn;
        ack = f.Sends.Where(s => s.To == conn).Select(s => s.Message).OfType<ServerMessage.ConnectionAck>().FirstOrDefault()!;
        return ack is not null;
    }
}
