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
}
