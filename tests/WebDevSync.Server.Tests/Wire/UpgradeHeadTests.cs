using System.Buffers;
using System.Net;
using System.Text;
using WebDevSync.Tests.Properties;
using WebDevSync.Server.WebSockets.Direct;

namespace WebDevSync.Server.Tests.Wire;

public sealed class UpgradeHeadTests
{
    private static readonly byte[] Prefix = "GET /web-dev-sync/ws"u8.ToArray();

    private const string Head =
        "GET /web-dev-sync/ws?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8071\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: http://localhost:3000\r\n" +
        "Sec-WebSocket-Protocol: webdevsync, bearer.abc\r\n\r\n";

    private static Sniff Classify(string text, out int length) => UpgradeHead.Classify(Encoding.ASCII.GetBytes(text), Prefix, out length);

    private static DirectUpgrade? Parse(string head) => UpgradeHead.Parse(Encoding.ASCII.GetBytes(head), IPAddress.Loopback);

    [Theory]
    [InlineData("GET /web-dev-sync/status HTTP/1.1\r\n\r\n")]
    [InlineData("GET /web-dev-sync/wsx HTTP/1.1\r\n\r\n")]
    [InlineData("POST /web-dev-sync/ws HTTP/1.1\r\n\r\n")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")]
    [InlineData("\x16\x03\x01\x02\x00")]
    public void Classify_AnotherRequest_IsNotOurs(string first) => Assert.Equal(Sniff.NotOurs, Classify(first, out _));

    [Theory]
    [InlineData("G")]
    [InlineData("GET /web-dev-sync/w")]
    [InlineData("GET /web-dev-sync/ws")]
    [InlineData("GET /web-dev-sync/ws HTTP/1.1\r\nHost: a\r\n")]
    public void Classify_APrefixOfOurHead_NeedsMore(string first) => Assert.Equal(Sniff.NeedMore, Classify(first, out _));

    [Fact]
    public void Classify_AWholeHeadWithAFrameBehindIt_CountsOnlyTheHead()
    {
        Assert.Equal(Sniff.Complete, Classify(Head + "\x81\x85", out var length));
        Assert.Equal(Head.Length, length);
    }

    [Fact]
    public void Classify_AHeadPastTheLimit_IsTooLarge()
    {
        var big = "GET /web-dev-sync/ws HTTP/1.1\r\nX: " + new string('a', UpgradeHead.MaxBytes) + "\r\n\r\n";
        Assert.Equal(Sniff.TooLarge, Classify(big, out _));
        Assert.Equal(Sniff.TooLarge, Classify(big[..UpgradeHead.MaxBytes], out _));
    }

    [Fact]
    public void Parse_ABrowserHandshake_KeepsWhatTheChecksNeed()
    {
        var upgrade = Parse(Head)!;
        Assert.Equal("dGhlIHNhbXBsZSBub25jZQ==", upgrade.Key);
        Assert.Equal("127.0.0.1", upgrade.Request.Host.Host);
        Assert.Equal("http://localhost:3000", upgrade.Request.Origin.ToString());
        Assert.Equal(["webdevsync", "bearer.abc"], upgrade.Request.Protocols);
        Assert.Equal("1", upgrade.Request.QueryValues["x"].ToString());
        Assert.Equal(IPAddress.Loopback, upgrade.Request.Remote);
    }

    [Theory]
    [InlineData("Upgrade: websocket\r\n", "")]
    [InlineData("Connection: keep-alive, Upgrade\r\n", "Connection: keep-alive\r\n")]
    [InlineData("Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Version: 8\r\n")]
    [InlineData("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "Sec-WebSocket-Key: short\r\n")]
    [InlineData("Host: 127.0.0.1:8071\r\n", "")]
    [InlineData("Host: 127.0.0.1:8071\r\n", "Host: a\r\nHost: b\r\n")]
    [InlineData("Origin:", " Origin:")]
    [InlineData("Origin: http://localhost:3000", "Origin: http://l\u00e9.test")]
    [InlineData("HTTP/1.1\r\n", "HTTP/1.0\r\n")]
    [InlineData("\r\n\r\n", "\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("\r\n\r\n", "\r\nContent-Length: 5\r\n\r\n")]
    public void Parse_ABrokenHandshake_IsRefused(string part, string replacement)
    {
        var broken = Head.Replace(part, replacement);
        Assert.NotEqual(Head, broken);
        Assert.Null(UpgradeHead.Parse(Encoding.Latin1.GetBytes(broken), IPAddress.Loopback));
    }

    [Fact]
    public void Parse_HeaderNamesInAnyCase_AreTheSameHeaders() =>
        Assert.NotNull(Parse(Head.Replace("Upgrade: websocket", "UPGRADE: WebSocket").Replace("Sec-WebSocket-Key", "sec-websocket-key")));

    [Property(Cases.Medium)]
    public bool ArbitraryBytes_NeverThrow_AndOnlyOurPrefixIsEverOurs(byte[] bytes)
    {
        var sniff = UpgradeHead.Classify(bytes, Prefix, out var length);
        _ = UpgradeHead.Parse(bytes, IPAddress.Loopback);
        var ours = sniff is Sniff.Complete or Sniff.TooLarge;
        return (!ours || bytes.AsSpan().StartsWith(Prefix)) && (sniff != Sniff.Complete || length <= bytes.Length);
    }

    [Fact]
    public void WriteAccept_AnswersWithTheRfc6455SampleAcceptValue()
    {
        var reply = new ArrayBufferWriter<byte>();
        HandshakeReplies.WriteAccept(reply, "dGhlIHNhbXBsZSBub25jZQ==", "webdevsync");
        var text = Encoding.ASCII.GetString(reply.WrittenSpan);
        Assert.StartsWith("HTTP/1.1 101 Switching Protocols\r\n", text);
        Assert.Contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", text); // RFC 6455 §1.3
        Assert.Contains("Sec-WebSocket-Protocol: webdevsync\r\n", text);
        Assert.EndsWith("\r\n\r\n", text);
    }

    [Fact]
    public void WriteRefusal_IsAClosingPlainTextResponse()
    {
        var reply = new ArrayBufferWriter<byte>();
        HandshakeReplies.WriteRefusal(reply, 403, "origin not allowed");
        var text = Encoding.UTF8.GetString(reply.WrittenSpan);
        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", text);
        Assert.Contains("Content-Length: 18\r\nConnection: close\r\n\r\norigin not allowed", text);
    }
}
