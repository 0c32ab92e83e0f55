using System.Text;
using System.Text.Json;

namespace WebDevSync.Security.Tests.Fuzz;

/// <summary>
/// Generates hostile frames from a seeded <see cref="Random"/>: random bytes, random text, truncated and
/// deeply nested JSON, wrong field types, huge strings, unknown types, odd escapes, and valid messages
/// carrying other users' ids. Pure apart from the random source, so a seed reproduces a run.
/// </summary>
public static class FrameGenerator
{
    private static readonly string[] Types = ["browser_connect", "desktop_connect", "edit_request", "code_update", "session_closed", "ping", "pong", "error", "connection_ack", "", "PING", "edit_request\u0000", "__proto__"];
    private static readonly string[] Fields = ["type", "connectionId", "userId", "sessionId", "payload", "code", "textareaId", "fileType", "sessions", "seq", "reason", "browserConnectionId"];
    private static readonly string[] Odd = ["\u0000", "\\ud800", "\ud83d\ude00", "\u202e", "%00", "../../etc/passwd", "<script>", "'; DROP TABLE", "\r\n", "\\u0000", "ü", "𝄞"];

    public static FuzzFrame Next(Random r, FuzzTargets t, int maxHuge)
    {
        var roll = r.Next(1000);
        return roll switch
        {
            < 60 => new(RandomBytes(r, r.Next(0, 512)), true, "binary"),
            < 62 => new(RandomBytes(r, r.Next(1, 256)), false, "invalid-utf8"),
            < 140 => Text(RandomText(r, r.Next(0, 400)), "random-text"),
            < 250 => Text(Truncate(r, Valid(r, t)), "truncated"),
            < 300 => Text(Nested(r), "nested"),
            < 420 => Text(WrongTypes(r, t), "wrong-types"),
            < 424 => Text(Huge(r, t, maxHuge), "huge"),
            < 500 => Text(UnknownType(r), "unknown-type"),
            < 540 => Text(OddStrings(r, t), "odd-strings"),
            < 780 => Text(Hostile(r, t), "hostile-ids"),
            _ => Text(Valid(r, t), "valid-own"),
        };
    }

    private static FuzzFrame Text(string s, string family) => new(Encoding.UTF8.GetBytes(s), false, family);

    private static byte[] RandomBytes(Random r, int n)
    {
        var b = new byte[n];
        r.NextBytes(b);
        // Make sure an "invalid UTF-8" frame really is invalid.
        if (n > 0) b[0] = 0xFF;
        return b;
    }

    private static string RandomText(Random r, int n)
    {
        var sb = new StringBuilder(n);
        for (var i = 0; i < n; i++)
            sb.Append(r.Next(10) switch
            {
                < 6 => (char)r.Next(0x20, 0x7F),
                < 7 => "{}[]\":,\\"[r.Next(8)],
                < 8 => (char)r.Next(0, 0x20),
                _ => (char)r.Next(0xA0, 0xD7FF),
            });
        return sb.ToString();
    }

    private static string Pick(Random r, IReadOnlyList<string> xs) => xs.Count == 0 ? "none" : xs[r.Next(xs.Count)];

    /// <summary>A well-formed message of the caller's own identity (so some of it is routed).</summary>
    private static string Valid(Random r, FuzzTargets t)
    {
        var session = $"m-{t.OwnUser}-{r.Next(40)}";
        return r.Next(6) switch
        {
            0 => Msg.EditRequest(session, "ta-" + r.Next(5), "code " + r.Next()),
            1 => Msg.CodeUpdate(session, "ta-" + r.Next(5), "update " + r.Next()),
            2 => Msg.SessionClosed(session, "fuzz"),
            3 => Msg.Ping,
            4 => Msg.BrowserConnect(t.OwnConnectionId, t.OwnUser, [(session, r.Next(-5, 5))]),
            _ => Msg.DesktopConnect(t.OwnConnectionId, t.OwnUser, [new Announced(session, "ta", "js", "b-" + t.OwnUser)]),
        };
    }

    private static string Truncate(Random r, string json) => json[..r.Next(0, Math.Max(1, json.Length))];

    private static string Nested(Random r)
    {
        var depth = r.Next(2) == 0 ? r.Next(10, 40) : r.Next(100, 5000);
        return r.Next(3) switch
        {
            0 => new string('[', depth) + new string(']', depth),
            1 => """{"type":"edit_request","sessionId":"n","payload":""" + string.Concat(Enumerable.Repeat("""{"code":""", depth)) + "1" + new string('}', depth) + "}",
            _ => string.Concat(Enumerable.Repeat("""{"a":""", depth)) + new string('}', r.Next(depth)),
        };
    }

    private static object RandomValue(Random r, int depth = 0) => r.Next(depth > 2 ? 5 : 8) switch
    {
        0 => r.Next(),
        1 => r.NextDouble() * 1e308,
        2 => r.Next(2) == 0,
        3 => "s" + r.Next(100),
        4 => long.MinValue,
        5 => new[] { RandomValue(r, depth + 1), RandomValue(r, depth + 1) },
        6 => new Dictionary<string, object> { [Fields[r.Next(Fields.Length)]] = RandomValue(r, depth + 1) },
        _ => new Dictionary<string, object>(),
    };

    /// <summary>Real field names with values of the wrong type (numbers for ids, strings for seq, objects for lists).</summary>
    private static string WrongTypes(Random r, FuzzTargets t)
    {
        var o = new Dictionary<string, object?> { ["type"] = r.Next(3) == 0 ? RandomValue(r) : Types[r.Next(Types.Length)] };
        foreach (var f in Fields.OrderBy(_ => r.Next()).Take(r.Next(1, 6)))
            o[f] = r.Next(5) == 0 ? null : RandomValue(r);
        if (r.Next(2) == 0) o["payload"] = new Dictionary<string, object?> { ["sessions"] = r.Next(2) == 0 ? RandomValue(r) : new[] { RandomValue(r) }, ["code"] = RandomValue(r), ["seq"] = "3" };
        return JsonSerializer.Serialize(o);
    }

    /// <summary>Long strings in every position: code near and over the limit, ids far over theirs.</summary>
    private static string Huge(Random r, FuzzTargets t, int maxHuge)
    {
        var big = new string((char)r.Next('a', 'z'), r.Next(maxHuge / 4, maxHuge));
        return r.Next(4) switch
        {
            0 => Msg.EditRequest($"m-{t.OwnUser}-huge", "ta", big),
            1 => Msg.CodeUpdate($"m-{t.OwnUser}-huge", "ta", big),
            2 => Msg.EditRequest(big[..Math.Min(big.Length, 20_000)], "ta", "x"),
            _ => Msg.Of(new { type = big[..Math.Min(big.Length, 5_000)] }),
        };
    }

    private static string UnknownType(Random r) => r.Next(6) switch
    {
        0 => Msg.Of(new { type = "delete_everything", sessionId = "x" }),
        1 => "{}",
        2 => "[]",
        3 => "\"edit_request\"",
        4 => r.Next().ToString(),
        _ => """{"type":"edit_request","type":"ping"}""",
    };

    /// <summary>Escapes and characters that trip decoders: lone surrogates, NUL, bidi overrides.</summary>
    private static string OddStrings(Random r, FuzzTargets t)
    {
        var odd = string.Concat(Enumerable.Range(0, r.Next(1, 4)).Select(_ => Odd[r.Next(Odd.Length)]));
        var own = $"m-{t.OwnUser}-{odd}";
        return r.Next(4) switch
        {
            0 => "{\"type\":\"edit_request\",\"sessionId\":\"" + own + "\",\"payload\":{\"textareaId\":\"" + odd + "\",\"code\":\"" + odd + "\"}}",
            1 => "{\"type\":\"code_update\",\"sessionId\":\"" + odd + "\",\"payload\":{\"code\":\"\\ud800\\udc00\\udbff\"}}",
            2 => "{\"type\":\"" + odd + "\"}",
            _ => "{\"type\":\"session_closed\",\"sessionId\":\"\\u0000" + odd + "\",\"payload\":{\"reason\":\"" + odd + "\"}}",
        };
    }

    /// <summary>Valid messages aimed at the victim: her session ids, her connection ids, her user name.</summary>
    private static string Hostile(Random r, FuzzTargets t)
    {
        var victimSession = Pick(r, t.VictimSessions());
        var victimClient = Pick(r, t.VictimClientIds);
        return r.Next(10) switch
        {
            0 => Msg.EditRequest(victimSession, "ta-hijack", "hijack"),
            1 => Msg.CodeUpdate(victimSession, "ta-hijack", "injected"),
            2 => Msg.SessionClosed(victimSession, "hostile"),
            3 => Msg.BrowserConnect(victimClient, t.OwnUser, [(victimSession, 0)]),
            4 => Msg.BrowserConnect(victimClient, t.VictimUser, [(victimSession, -1)]),
            5 => Msg.DesktopConnect(victimClient, t.VictimUser),
            6 => Msg.DesktopConnect(t.OwnConnectionId, t.OwnUser, [new Announced(victimSession, "ta-adopt", "js", victimClient)]),
            7 => Msg.EditRequestAs(victimClient, t.VictimUser, victimSession, "ta-claim", "claimed"),
            8 => Msg.Of(new { type = "code_update", connectionId = victimClient, userId = t.VictimUser, sessionId = victimSession, payload = new { code = "claimed" } }),
            _ => Msg.Of(new { type = "session_closed", connectionId = victimClient, sessionId = victimSession }),
        };
    }
}
