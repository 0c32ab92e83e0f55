using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Core.Tests.Scenarios;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>How properties run: random scenarios, played through the router, judged frame by frame.</summary>
public static class Checking
{
    /// <summary>Set WEBDEVSYNC_PROPERTY_CASES to hunt longer than the quick default.</summary>
    static readonly int? CasesOverride = int.TryParse(Environment.GetEnvironmentVariable("WEBDEVSYNC_PROPERTY_CASES"), out var n) ? n : null;

    /// <summary>Fails with the shrunk scenario and the trace of the frame that broke the property.</summary>
    public static void ForAllScenarios(Action<Trace> property, int cases = 1000, Arbitrary<Scenario>? scenarios = null) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(CasesOverride ?? cases),
            Prop.ForAll(scenarios ?? Generators.Arbitrary, (Scenario scenario) => property(ScenarioRunner.Run(scenario))));

    /// <summary>The same over scenarios of live editing up close (<see cref="Generators.LiveScenarios"/>).</summary>
    public static void ForAllLiveScenarios(Action<Trace> property, int cases = 1000) => ForAllScenarios(property, cases, Generators.LiveArbitrary);

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
