using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WebDevSync.TestKit;

/// <summary>
/// Test secrets, and tokens as the relay's <c>token</c> command mints them (HS256, <c>sub</c> = the user,
/// <c>iat</c>, <c>nbf</c>, <c>exp</c>, <c>wds_admin</c> for an admin), minted here rather than by the relay's
/// own code, so a suite that checks the relay's validation does not lean on the relay's minting.
/// </summary>
public static class Secrets
{
    public const string Secret = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    public const string OtherSecret = "another-secret-0123456789-abcdefghijklmnopqrstuv";

    public static string Token(string user, TimeSpan? ttl = null, bool admin = false) =>
        Mint(Secret, user, DateTimeOffset.UtcNow, ttl ?? TimeSpan.FromHours(1), admin);

    public static string ExpiredToken(string user) =>
        Mint(Secret, user, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(5), admin: false);

    public static string WrongSecretToken(string user) =>
        Mint(OtherSecret, user, DateTimeOffset.UtcNow, TimeSpan.FromHours(1), admin: false);

    /// <summary>Signed with the right secret, but with no <c>exp</c> claim.</summary>
    public static string TokenWithoutExpiry(string user) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = user },
            SigningCredentials = Signing(Secret),
        });

    private static string Mint(string secret, string user, DateTimeOffset now, TimeSpan ttl, bool admin)
    {
        var claims = new Dictionary<string, object> { ["sub"] = user };
        if (admin) claims["wds_admin"] = true;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddSeconds(-1),
            Expires = now.Add(ttl).UtcDateTime,
            SigningCredentials = Signing(secret),
        });
    }

    private static SigningCredentials Signing(string secret) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);
}
