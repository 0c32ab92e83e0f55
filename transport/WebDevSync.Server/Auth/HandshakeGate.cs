using System.Net;
using LanguageExt;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using WebDevSync.Json;
using WebDevSync.Server.Configuration;

namespace WebDevSync.Server.Auth;

/// <summary>Why a handshake is refused: the HTTP status and a reason for the client.</summary>
public sealed record Refusal(int Status, string Reason);

/// <summary>A handshake let in: the verified caller, or none when the relay runs open (no secret).</summary>
public sealed record Admission(Caller? Caller)
{
    public static readonly Admission Open = new((Caller?)null);
}

/// <summary>
/// Checks a connection before it is accepted: the page's origin, the caller's token, the address's
/// connection count. Tokens travel in <c>Sec-WebSocket-Protocol</c> (<c>bearer.&lt;jwt&gt;</c>, browsers)
/// or <c>Authorization: Bearer</c> (agents, gRPC); a URL token only when configured (see docs/SECURITY.md).
/// </summary>
internal sealed class HandshakeGate(ServerOptions options, ConnectionCounter counter, ILogger<HandshakeGate> log)
{
    public const string BearerProtocolPrefix = "bearer.";
    private readonly TokenService? _tokens = options.SessionSecret is { } s ? new TokenService(s) : null;

    public TokenService? Tokens => _tokens;

    /// <summary>The verified caller (none when running open), or why not.</summary>
    public Task<Either<Refusal, Admission>> AdmitAsync(HttpContext ctx) => AdmitAsync(UpgradeRequest.From(ctx));

    /// <summary>The verified caller (none when running open), or why not; a refusal is logged (never the token).</summary>
    public async Task<Either<Refusal, Admission>> AdmitAsync(UpgradeRequest ctx)
    {
        var verdict = await CheckAsync(ctx);
        verdict.IfLeft(r => Refused(ctx, r));
        return verdict;
    }

    /// <summary>Logs a refused handshake: where from, which origin, the status and reason the client got.</summary>
    public void Refused(UpgradeRequest ctx, Refusal refusal) =>
        RefusalLog.Refused(log, ctx.Remote.ToString(), RefusalLog.Printable(ctx.Origin.ToString()), refusal.Status, refusal.Reason);

    /// <summary>The same verdict as <see cref="AdmitAsync(UpgradeRequest)"/>, not logged (the handshake probe asks again what was refused).</summary>
    public async Task<Either<Refusal, Admission>> CheckAsync(UpgradeRequest ctx)
    {
        if (!HostAllowed(ctx)) return new Refusal(StatusCodes.Status403Forbidden, "host not allowed: use localhost, or add it to allowedHosts");
        if (!OriginAllowed(ctx)) return new Refusal(StatusCodes.Status403Forbidden, "origin not allowed");
        if (_tokens is null) return Admission.Open;
        if (!options.AllowTokenInUrl && ctx.QueryValues.ContainsKey("access_token"))
            return new Refusal(StatusCodes.Status401Unauthorized, "tokens in the URL are refused; use Sec-WebSocket-Protocol or Authorization");
        if (TokenOf(ctx) is not { } token) return new Refusal(StatusCodes.Status401Unauthorized, "missing token");
        return (await _tokens.ValidateAsync(token)).Fold<string, Caller, Either<Refusal, Admission>>(
            caller => new Admission(caller), reason => new Refusal(StatusCodes.Status401Unauthorized, reason));
    }

    /// <summary>
    /// Without a secret, a page that re-resolves its own name to 127.0.0.1 (DNS rebinding) would pass
    /// the origin check, since its Origin and Host agree. So an open relay answers only to loopback
    /// names, its listen address and the configured <c>allowedHosts</c>. With a secret, tokens decide.
    /// </summary>
    public bool HostAllowed(UpgradeRequest ctx)
    {
        if (options.AuthEnabled) return true;
        var host = ctx.Host.Host;
        return IsLoopbackName(host) || host == options.Host || options.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);
    }

    public static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public bool TryCount(HttpContext ctx) => counter.TryOpen(AddressOf(ctx));

    public void Uncount(HttpContext ctx) => counter.Close(AddressOf(ctx));

    public bool TryCount(IPAddress address) => counter.TryOpen(address);

    public void Uncount(IPAddress address) => counter.Close(address);

    /// <summary>
    /// Browsers send <c>Origin</c>; it must be a configured origin or the relay's own (its demo page).
    /// Agents and scripts send none. This is what stops cross-site WebSocket hijacking.
    /// </summary>
    public bool OriginAllowed(UpgradeRequest ctx) => ctx.Origin switch
    {
        { Count: 0 } => true,
        [{ } origin] => OriginAllowed(origin, $"{ctx.Scheme}://{ctx.Host}"),
        _ => false,
    };

    /// <summary>A configured origin, any origin with <c>*</c>, or the relay's own (<paramref name="self"/>).</summary>
    public bool OriginAllowed(string origin, string? self) =>
        options.CorsOrigins.Contains("*") ||
        options.CorsOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase) ||
        string.Equals(origin, self, StringComparison.OrdinalIgnoreCase);

    public static string? TokenOf(UpgradeRequest ctx)
    {
        foreach (var p in ctx.Protocols)
            if (p.StartsWith(BearerProtocolPrefix, StringComparison.Ordinal)) return p[BearerProtocolPrefix.Length..];
        if (BearerOf(ctx.Authorization) is { } header) return header;
        return ctx.QueryValues.TryGetValue("access_token", out var q) && q.Count == 1 ? q[0] : null;
    }

    public static string? BearerOf(StringValues authorization) =>
        authorization is [{ } v] && v.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? v[7..].Trim() : null;

    private static IPAddress AddressOf(HttpContext ctx) => ctx.Connection.RemoteIpAddress ?? IPAddress.None;
}
