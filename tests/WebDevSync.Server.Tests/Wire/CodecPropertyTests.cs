using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Tests.Properties;
using static WebDevSync.Server.Tests.Wire.CodecAssert;

namespace WebDevSync.Server.Tests.Wire;

/// <summary>FsCheck properties over generated text: ASCII, JSON specials, controls, BMP and surrogate pairs.</summary>
public sealed class CodecPropertyTests
{
    /// <summary>One piece of text: the kinds of characters that break codecs, surrogate pairs kept whole.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (30, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())),
        (10, Gen.Elements("\"", "\\", "/", "\n", "\r", "\t", "\0", "\u001f", "\u2028", "\u2029", "<", ">", "&", "'", "+")),
        (15, Gen.Choose(0x80, 0xD7FF).Select(c => ((char)c).ToString())),
        (5, Gen.Choose(0xE000, 0xFFFD).Select(c => ((char)c).ToString())),
        (20, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)),
        (5, Gen.Elements("😀", "👩‍💻", "🏳️‍🌈", "e\u0301", "\uFEFF")));

    private static readonly Gen<string> Text = Gen.ListOf(Piece).Select(string.Concat);

    private static readonly Gen<string> Id = Gen.NonEmptyListOf(Piece).Select(string.Concat).Where(s => s.Length <= Limits.MaxIdLength);

    /// <summary>Texts of <see cref="Piece"/>s.</summary>
    public static class Texts
    {
        public static Arbitrary<string> Any() => Text.ToArbitrary();
    }

    /// <summary>Edit requests with any ids and code.</summary>
    public static class EditRequests
    {
        public static Arbitrary<ClientMessage> Any() =>
            (from user in Id from conn in Id from session in Id from textarea in Id from code in Text
             select (ClientMessage)new ClientMessage.EditRequest(new Claims(conn, user), session, textarea, code, "js")).ToArbitrary();
    }

    /// <summary>Live changes with any seqs, and edit requests with any page context.</summary>
    public static class LiveChanges
    {
        public static Arbitrary<ClientMessage> Any()
        {
            var change = from session in Id from code in Text from b in Gen.Choose(0, int.MaxValue)
                         select (ClientMessage)new ClientMessage.CodeUpdate(Claims.None, session, null, code, b * 3L);
            // Any title without control characters, any http(s) URL path, any selection inside the code.
            var title = Text.Select(t => new string([.. t.Where(c => c >= ' ' && c != '\u007f')]));
            var edit = from session in Id from code in Text from t in title from path in title
                       from start in Gen.Choose(0, code.Length) from end in Gen.Choose(start, code.Length)
                       select (ClientMessage)new ClientMessage.EditRequest(Claims.None, session, "t", code, "js",
                           new PageContext($"https://app.example.com/{path}", t.Length == 0 ? null : t, new TextSelection(start, end)));
            return Gen.OneOf(change, edit).ToArbitrary();
        }
    }

    /// <summary>Browser and desktop connects with any ids, cursors and announced sessions.</summary>
    public static class ConnectMessages
    {
        public static Arbitrary<ClientMessage> Any()
        {
            var cursor = from id in Id from seq in Gen.Choose(0, int.MaxValue) select new SessionCursor(id, seq);
            var announce = from id in Id from t in Id from b in Id select new AnnouncedSession(id, t, "md", b);
            var merges = ArbMap.Default.GeneratorFor<bool>();
            var browser = from user in Id from conn in Id from cursors in Gen.ListOf(cursor) from m in merges
                          select (ClientMessage)new ClientMessage.BrowserConnect(conn, user, [.. cursors]) { AcceptsMerged = m };
            var desktop = from user in Id from conn in Id from sessions in Gen.ListOf(announce) from m in merges
                          select (ClientMessage)new ClientMessage.DesktopConnect(conn, user, [.. sessions]) { AcceptsMerged = m };
            return Gen.OneOf(browser, desktop).ToArbitrary();
        }
    }

    /// <summary>Every server message that carries text, with any text and seqs.</summary>
    public static class ServerMessages
    {
        public static Arbitrary<ServerMessage> Any() => Gen.OneOf(
            from s in Id from t in Text from c in Text from seq in Gen.Choose(0, int.MaxValue)
            select (ServerMessage)new ServerMessage.CodeUpdate(s, t, c, seq),
            from s in Id from t in Text from c in Text from b in Text
            select (ServerMessage)new ServerMessage.EditRequest(s, t, c, "js", b, 0),
            from s in Id from r in Text select (ServerMessage)new ServerMessage.SessionClosed(s, null, r),
            from m in Text from code in Gen.Elements(Enum.GetValues<ErrorCode>()) select (ServerMessage)new ServerMessage.Error(code, m, "c", null),
            from s in Id from t in Text from seq in Gen.Choose(0, int.MaxValue) select (ServerMessage)new ServerMessage.CodeAck(s, t, seq),
            from s in Id from t in Text from c in Text from seq in Gen.Choose(0, int.MaxValue) select (ServerMessage)new ServerMessage.CodeOvertaken(s, t, c, seq),
            from s in Id from t in Text from c in Text from seq in Gen.Choose(0, int.MaxValue) select (ServerMessage)new ServerMessage.CodeMerged(s, t, c, seq),
            from s in Id from c in Text from u in Text from ti in Text from n in Gen.Choose(0, 1000)
            select (ServerMessage)new ServerMessage.EditRequest(s, "t", c, "js", "b", 0, new PageContext(u, ti, new TextSelection(n, n + 1)))).ToArbitrary();
    }

    /// <summary>What a peer may write inside a JSON string, each piece with the text it stands for: any \uXXXX escape (lone surrogates too), plain and escaped characters.</summary>
    public static class PeerEscapes
    {
        public static Arbitrary<(string Escaped, string Text)[]> Any() => Gen.ArrayOf(Gen.Frequency(
                (3, Gen.Choose(0, 0xFFFF).Select(u => ($"\\u{u:X4}", ((char)u).ToString()))),
                (2, Gen.Choose(0xD800, 0xDFFF).Select(u => ($"\\u{u:X4}", ((char)u).ToString()))),
                (3, Gen.Elements(("a", "a"), ("é", "é"), ("😀", "😀"), ("\\n", "\n"), ("\\\"", "\""))))).ToArbitrary();
    }

    [Property(Cases.Short, Arbitrary = new[] { typeof(Texts) })]
    public bool GeneratedText_IsValidUtf16_SoTheGeneratorCoversWhatItShould(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s;

    [Property(Cases.Short, Arbitrary = new[] { typeof(EditRequests) })]
    public bool EditRequest_RoundTripsAnyText_ClientToServer(ClientMessage m) => Same(m, ClientRoundTrip(m));

    [Property(Cases.Short, Arbitrary = new[] { typeof(LiveChanges) })]
    public bool LiveChangesAndPageContext_RoundTrip_WithAnyTextAndSeqs(ClientMessage m) => Same(m, ClientRoundTrip(m));

    [Property(Cases.Short, Arbitrary = new[] { typeof(ConnectMessages) })]
    public bool ConnectMessages_RoundTripAnyIds(ClientMessage m) => Same(m, ClientRoundTrip(m));

    [Property(Cases.Short, Arbitrary = new[] { typeof(ServerMessages) })]
    public bool ServerMessages_RoundTripAnyText_ServerToClient(ServerMessage m) => m.Equals(ServerRoundTrip(m));

    [Property(Cases.Short, Arbitrary = new[] { typeof(Texts) })]
    public bool ServerEncoder_WritesValidUtf8_ThatDecodesToTheSameCode(string code)
    {
        var bytes = ServerMessageEncoder.ToBytes(new ServerMessage.CodeUpdate("s", "t", code, 1));
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        using var doc = System.Text.Json.JsonDocument.Parse(strict.GetString(bytes));
        return doc.RootElement.GetProperty("payload").GetProperty("code").GetString() == code;
    }

    /// <summary>
    /// Escapes that spell well-formed UTF-16 decode to exactly that text; any that leave a lone surrogate are
    /// <c>INVALID_MESSAGE</c> (the relay never holds text it could not encode as UTF-8). Never an exception.
    /// </summary>
    [Property(Cases.Short, Arbitrary = new[] { typeof(PeerEscapes) })]
    public bool Decoder_TakesWhatEscapesSpell_AndRefusesLoneSurrogates((string Escaped, string Text)[] pieces)
    {
        var json = $$$"""{"type":"edit_request","sessionId":"s","payload":{"textareaId":"t","code":"{{{string.Concat(pieces.Select(p => p.Escaped))}}}"}}""";
        var text = string.Concat(pieces.Select(p => p.Text));
        return DecodeClient(json).Match(
            m => WellFormed(text) && m is ClientMessage.EditRequest e && e.Code == text,
            e => !WellFormed(text) && e.Code == ErrorCode.InvalidMessage);
    }

    /// <summary>Random bytes are never a message here, and are refused with a protocol error code, never another (nor an exception).</summary>
    [Property(Cases.Short)]
    public bool Decoder_RefusesArbitraryBytes_WithInvalidMessageOrUnknownType(byte[] bytes) =>
        DecodeClient(bytes).Match(_ => false, e => e.Code is ErrorCode.InvalidMessage or ErrorCode.UnknownType);

    private static bool WellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
