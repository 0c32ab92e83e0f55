using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>The router agrees with a naive reference model on every error, every session and all session traffic.</summary>
public class ModelProperties
{
    [ScenarioProperty] public void The_router_agrees_with_a_reference_model_of_sessions_per_user(Scenario scenario) => AgreesWithTheReferenceModel(ScenarioRunner.Run(scenario));

    internal static void AgreesWithTheReferenceModel(Trace t)
    {
        var model = new ReferenceModel(t.Scenario.Options);
        EveryFrame(t, f =>
        {
            var expected = model.Predict(f);
            var error = f.Sends.Select(s => s.Message).OfType<ServerMessage.Error>().Select(e => (ErrorCode?)e.Code).FirstOrDefault();
            if (error != expected.Error) return $"the reference model expected {Wire(expected.Error)}, the router answered {Wire(error)}";
            var traffic = Lines(f.Sends.Where(s => s.Message is ServerMessage.EditRequest or ServerMessage.CodeUpdate or ServerMessage.CodeAck or ServerMessage.CodeOvertaken or ServerMessage.SessionClosed));
            var predicted = Lines(expected.Traffic);
            if (!traffic.SequenceEqual(predicted)) return $"the reference model expected the session traffic{Block(predicted)}\n      but the router sent{Block(traffic)}";
            var held = f.After.Sessions.Values.OrderBy(x => x.Id, StringComparer.Ordinal).Select(RefSession.Of).ToList();
            return held.SequenceEqual(model.Sessions) ? null : $"the reference model holds{Block(model.Sessions)}\n      but the router holds{Block(held)}";
        });
    }

    static List<string> Lines(IEnumerable<Effect.Send> sends) => [.. sends.Select(s => Describe.Outbound(s)).Order(StringComparer.Ordinal)];

    static string Block(IEnumerable<string> lines) => string.Concat(lines.Select(l => "\n        " + l)) is { Length: > 0 } text ? text : " nothing";

    static string Wire(ErrorCode? code) => code?.Wire() ?? "no error";
}
