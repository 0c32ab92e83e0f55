using System.Security.Claims;
using System.Text;
using LanguageExt;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WebDevSync.Server.Auth;

/// <summary>Who a verified token says the caller is.</summary>
public sealed record Caller(string UserId, bool IsAdmin);

/// <summary>
/// HS256 JWTs signed with the configured <c>SESSION_SECRET</c>: the subject is the user id, an expiry is
/// required, and the claim <c>wds_admin: true</c> grants the debug endpoint.
/// </summary>
public sealed class TokenService(string secret)
{
    public const string AdminClaim = "wds_admin";
    private readonly SymmetricSecurityKey _key = new(Encoding.UTF8.GetBytes(secret));
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public string Mint(string userId, TimeSpan ttl, bool admin, DateTimeOffset now)
    {
        var claims = new Dictionary<string, object> { ["sub"] = userId };
        if (admin) claims[AdminClaim] = true;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddSeconds(-1),
            Expires = now.Add(ttl).UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The caller, or a reason the token is refused (never the token itself).</summary>
    public async Task<Either<string, Caller>> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        }).ConfigureAwait(false);
        if (!result.IsValid) return Reason(result.Exception);
        var sub = result.ClaimsIdentity.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(sub)) return "token has no subject (user id)";
        var admin = result.ClaimsIdentity.FindFirst(AdminClaim)?.Value is "true" or "True";
        return new Caller(sub, admin);
    }

    private static string Reason(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "token expired",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "token signature is not valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenNotYetValidException => "token is not valid yet",
        _ => "token is not a valid WebDevSync token",
    };
}
