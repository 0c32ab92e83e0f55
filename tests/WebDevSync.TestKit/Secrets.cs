using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WebDevSync.Server.Auth;

namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>Test secrets and tokens minted with the server's own <see cref="TokenService"/> (HS256, sub = user).</summary>
public static class Secrets
{
    public const string Secret = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    public const string OtherSecret = "another-secret-0123456789-abcdefghijklmnopqrstuv";

    private static readonly TokenService Service = new(Secret);

    public static string Token(string user, TimeSpan? ttl = null, bool admin = false) =>
        Service.Mint(user, ttl ?? TimeSpan.FromHours(1), admin, DateTimeOffset.UtcNow);

    public static string ExpiredToken(string user) =>
        Service.Mint(user, TimeSpan.FromMinutes(5), false, DateTimeOffset.UtcNow.AddHours(-2));

    public static string WrongSecretToken(string user) =>
        new TokenService(OtherSecret).Mint(user, TimeSpan.FromHours(1), false, DateTimeOffset.UtcNow);

    /// <summary>Signed with the right secret, but with no <c>exp</c> claim (TokenService always sets one, so it is minted here).</summary>
    public static string TokenWithoutExpiry(string user) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = user },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), SecurityAlgorithms.HmacSha256),
        });
}
