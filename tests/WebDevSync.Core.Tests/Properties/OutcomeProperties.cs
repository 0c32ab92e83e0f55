using static WebDevSync.Core.Protocol.ClientMessage;
using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>Every client message yields exactly one outcome: a delivery, or one error to its sender.</summary>
public class OutcomeProperties
{
    [ScenarioProperty] public void Every_client_message_produces_a_delivery_or_exactly_one_error_to_its_sender(Scenario scenario) => ExactlyOneOutcome(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void An_error_changes_nothing_but_the_senders_last_seen_time(Scenario scenario) => ErrorsChangeNothing(ScenarioRunner.Run(scenario));

    internal static void ExactlyOneOutcome(Trace t) => EveryFrame(t, f =>
    {
        if (f.Sender is not { } sender) return null;
        var errors = f.Sends.Where(s => s.Message is ServerMessage.Error).ToList();
        if (errors.FirstOrDefault(e => e.To != sender) is { } stray) return $"an error went to {stray.To}, not to the sender {sender}";
        if (errors.Count > 1) return $"{errors.Count} errors for one message";
        if (errors.Count == 1) return f.Effects.Length == 1 ? null : "an error came with other effects";
        if (f.Input is Input.Invalid) return "an undecodable frame got no error";
        var body = ((Input.Message)f.Input).Body;
        var replies = f.Sends.Where(s => s.To == sender).Select(s => s.Message).ToList();
        var (before, after) = (f.Before.Sessions, f.After.Sessions);
        return body switch
        {
            Ping => replies is [ServerMessage.Pong] ? null : "ping was not answered with exactly one pong",
            BrowserConnect or DesktopConnect => replies.OfType<ServerMessage.ConnectionAck>().Count() == 1 ? null : "connect was not acknowledged exactly once",
            EditRequest e => f.Sends.Count(s => s.Message is ServerMessage.EditRequest r && r.SessionId == e.SessionId) == 1 ? null : "edit_request was neither forwarded once nor refused",
            CodeUpdate { BaseSeq: not null } u => replies.Count(r => r is ServerMessage.CodeAck a && a.SessionId == u.SessionId
                    || r is ServerMessage.CodeOvertaken o && o.SessionId == u.SessionId) == 1
                ? null : "a change with baseSeq got neither exactly one code_ack or code_overtaken nor an error",
            CodeUpdate u => f.Sends.Count(s => s.Message is ServerMessage.CodeUpdate c && c.SessionId == u.SessionId) == 1
                || after.TryGetValue(u.SessionId, out var x) && before.TryGetValue(u.SessionId, out var y) && x.Seq > y.Seq
                ? null : "code_update was neither delivered, nor kept for the away tab, nor refused",
            SessionClosed c => before.ContainsKey(c.SessionId) && !after.ContainsKey(c.SessionId) ? null : "session_closed neither ended the session nor was refused",
            _ => $"unexpected message {body}",
        };
    });

    internal static void ErrorsChangeNothing(Trace t) => EveryFrame(t, f =>
        f.Sends.Any(s => s.Message is ServerMessage.Error) && Canonical.Of(f.Before, withLastSeen: false) != Canonical.Of(f.After, withLastSeen: false)
            ? $"a refused message changed the state:\n{Canonical.Of(f.Before, false)}---\n{Canonical.Of(f.After, false)}"
            : null);
}
