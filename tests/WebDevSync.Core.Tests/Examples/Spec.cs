using Xunit.Sdk;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>One input (or a pause) given to the relay under test; <see cref="Inputs"/> builds them.</summary>
public delegate Relay Act(Relay relay);

/// <summary>
/// A router specification: <c>Given</c> the inputs that set the scene, <c>When</c> one more input,
/// <c>Then</c> the effects it must have. A spec goes on with more When/Then pairs, each on the state
/// the previous left. A wrong answer fails with the input and every effect the router really had.
/// </summary>
public sealed class Spec
{
    private readonly Relay _relay;

    private Spec(Relay relay) => _relay = relay;

    public static Spec Given(params Act[] inputs) => Given(new Relay(), inputs);

    public static Spec Given(RouterOptions options, params Act[] inputs) => Given(new Relay(options), inputs);

    /// <summary>The scene starts from <paramref name="state"/> (a restored one) at <paramref name="nowMs"/>.</summary>
    public static Spec Given(RouterState state, long nowMs, params Act[] inputs) =>
        Given(new Relay(state.Options).From(state).Advance(nowMs - Relay.Start), inputs);

    private static Spec Given(Relay relay, Act[] inputs) => new(inputs.Aggregate(relay, (r, act) => act(r)));

    /// <summary>The state the scene (or the last When) left.</summary>
    public RouterState State => _relay.State;

    public Spec When(Act input)
    {
        input(_relay);
        return this;
    }

    /// <summary>The last input had exactly these effects, in this order.</summary>
    public Spec Then(params Effect[] expected) =>
        _relay.Effects.SequenceEqual(expected) ? this : throw Wrong("the effects", expected.Select(Describe.Outbound), _relay.Effects.Select(Describe.Outbound));

    /// <summary>The last input had no effect at all.</summary>
    public Spec ThenNothing() => Then();

    /// <summary>The last input sent exactly these messages, in this order, to socket <paramref name="conn"/> (others may have been sent more).</summary>
    public Spec ThenSends(long conn, params ServerMessage[] expected) =>
        _relay.To(conn).SequenceEqual(expected) ? this : throw Wrong($"for c{conn}", expected.Select(Describe.Server), _relay.To(conn).Select(Describe.Server));

    /// <summary>The last input's only effect was this error to socket <paramref name="conn"/>.</summary>
    public Spec ThenError(long conn, ServerMessage.Error error) => Then(Inputs.Sent(conn, error));

    /// <summary>The last input's only effect was one error with <paramref name="code"/> to socket <paramref name="conn"/>.</summary>
    public Spec ThenError(long conn, ErrorCode code) =>
        _relay.Effects is [Effect.Send { Message: ServerMessage.Error e } send] && send.To.Value == conn && e.Code == code
            ? this
            : throw Wrong("the effects", [$"c{conn} <- error {code.Wire()} (…)"], _relay.Effects.Select(Describe.Outbound));

    /// <summary>A check of the state the last input left (or of the effects, with <see cref="Effects"/>).</summary>
    public Spec And(Action<RouterState> check)
    {
        check(_relay.State);
        return this;
    }

    /// <summary>The relay under test, for checks no other step says.</summary>
    public Relay Relay => _relay;

    private XunitException Wrong(string what, IEnumerable<string> expected, IEnumerable<string> actual) =>
        new($"When {(_relay.LastInput is { } input ? Describe.Inbound(input) : "nothing")}\n  expected {what}:{Block(expected)}\n  but the router answered:{Block(actual)}");

    private static string Block(IEnumerable<string> lines) => string.Concat(lines.Select(l => "\n    " + l)) is { Length: > 0 } text ? text : " nothing";
}
