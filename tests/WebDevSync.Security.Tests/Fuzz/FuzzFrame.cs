namespace WebDevSync.Security.Tests.Fuzz;

/// <summary>One generated frame: bytes, whether it goes as a text or binary frame, and which family made it.</summary>
public sealed record FuzzFrame(byte[] Bytes, bool Binary, string Family);

/// <summary>
/// What a fuzzing connection may aim at: its own ids, and the ids of the victim (alice) it learned,
/// as an attacker who saw them (session ids, connection ids) would use them.
/// </summary>
public sealed record FuzzTargets(string OwnUser, string OwnConnectionId, string VictimUser, IReadOnlyList<string> VictimClientIds, Func<IReadOnlyList<string>> VictimSessions);
