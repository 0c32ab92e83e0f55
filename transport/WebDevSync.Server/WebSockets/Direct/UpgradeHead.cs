using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using WebDevSync.Server.Auth;

namespace WebDevSync.Server.WebSockets.Direct;

/// <summary>What the first bytes of a connection say about it.</summary>
internal enum Sniff
{
    /// <summary>Not a request for the WebSocket path: Kestrel's HTTP stack serves it.</summary>
    NotOurs,
    /// <summary>Could still be ours (or the head is not complete yet): wait for more bytes.</summary>
    NeedMore,
    /// <summary>A request for the WebSocket path whose head is complete.</summary>
    Complete,
    /// <summary>A request for the WebSocket path whose head is larger than we read.</summary>
    TooLarge,
}

/// <summary>A well-formed upgrade: its key, and what the handshake checks look at.</summary>
internal sealed record DirectUpgrade(string Key, UpgradeRequest Request);

/// <summary>
/// The HTTP/1.1 request head of a WebSocket opening handshake (RFC 6455 §4.2.1), read without Kestrel.
/// Strict on purpose: anything unusual is refused with 400 rather than guessed at.
/// </summary>
internal static class UpgradeHead
{
    public const int MaxBytes = 8192;

    /// <summary>
    /// Classifies the bytes a connection sent first. <paramref name="requestPrefix"/> is <c>"GET " + path</c>;
    /// the path must end there (a space or a query follows). On <see cref="Sniff.Complete"/>,
    /// <paramref name="headLength"/> counts the head and its blank line.
    /// </summary>
    public static Sniff Classify(ReadOnlySpan<byte> peeked, ReadOnlySpan<byte> requestPrefix, out int headLength)
    {
        headLength = 0;
        var n = Math.Min(peeked.Length, requestPrefix.Length);
        if (!peeked[..n].SequenceEqual(requestPrefix[..n])) return Sniff.NotOurs;
        if (peeked.Length == n) return Sniff.NeedMore;
        if (peeked[n] is not ((byte)' ' or (byte)'?')) return Sniff.NotOurs;
        var end = peeked.IndexOf("\r\n\r\n"u8);
        if (end < 0) return peeked.Length >= MaxBytes ? Sniff.TooLarge : Sniff.NeedMore;
        headLength = end + 4;
        return headLength > MaxBytes ? Sniff.TooLarge : Sniff.Complete;
    }

    /// <summary>The upgrade in a complete head (blank line included), or null when it is not a valid one.</summary>
    public static DirectUpgrade? Parse(ReadOnlySpan<byte> head, IPAddress remote)
    {
        if (!IsAscii(head)) return null; // Kestrel, too, refuses non-ASCII request heads by default
        var text = Encoding.ASCII.GetString(head);
        var lines = text.Split("\r\n");
        if (RequestTarget(lines[0]) is not { } target) return null;
        var headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.AsSpan(1))
        {
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0 || !IsToken(line.AsSpan(0, colon))) return null; // also refuses obsolete line folding
            var name = line[..colon];
            headers[name] = StringValues.Concat(headers.GetValueOrDefault(name), line[(colon + 1)..].Trim(' ', '\t'));
        }
        return Upgrade(headers, target, remote);
    }

    private static DirectUpgrade? Upgrade(Dictionary<string, StringValues> h, string target, IPAddress remote)
    {
        var valid = h.GetValueOrDefault("Host").Count == 1
            && HasToken(h.GetValueOrDefault("Upgrade"), "websocket")
            && HasToken(h.GetValueOrDefault("Connection"), "upgrade")
            && h.GetValueOrDefault("Sec-WebSocket-Version") == "13"
            && !h.ContainsKey("Transfer-Encoding")
            && h.GetValueOrDefault("Content-Length") is { Count: 0 } or ["0"];
        if (!valid || h.GetValueOrDefault("Sec-WebSocket-Key") is not [{ } key] || !IsKey(key)) return null;
        var query = target.IndexOf('?') is var q and >= 0 ? target[q..] : "";
        return new DirectUpgrade(key, new UpgradeRequest("http", new HostString(h["Host"][0]!), h.GetValueOrDefault("Origin"),
            h.GetValueOrDefault("Authorization"), Split(h.GetValueOrDefault("Sec-WebSocket-Protocol")), query, remote));
    }

    /// <summary>The target of <c>GET target HTTP/1.1</c>.</summary>
    private static string? RequestTarget(string line)
    {
        var parts = line.Split(' ');
        return parts is ["GET", { Length: > 0 } target, "HTTP/1.1"] && target[0] == '/' ? target : null;
    }

    /// <summary>A 16-byte nonce in base64 (RFC 6455 §4.1).</summary>
    private static bool IsKey(string key) =>
        key.Length == 24 && Convert.TryFromBase64String(key, stackalloc byte[18], out var n) && n == 16;

    private static bool HasToken(StringValues values, string token) => Split(values).Contains(token, StringComparer.OrdinalIgnoreCase);

    private static string[] Split(StringValues values) =>
        [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

    private static bool IsAscii(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
            if (b > 0x7E || (b < 0x20 && b is not ((byte)'\r' or (byte)'\n' or (byte)'\t'))) return false;
        return true;
    }

    /// <summary>RFC 9110 token characters, for header names.</summary>
    private static bool IsToken(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c))) return false;
        return true;
    }
}
