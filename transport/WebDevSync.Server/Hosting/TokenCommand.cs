using System.Globalization;
using WebDevSync.Server.Auth;
using WebDevSync.Server.Configuration;

namespace WebDevSync.Server.Hosting;

/// <summary>
/// <c>WebDevSync.Server token --user alice --ttl 30d [--admin]</c>: mints a token signed with the
/// configured secret, for an agent or a script. Prints only the token.
/// </summary>
internal static class TokenCommand
{
    public static int Run(ServerOptions options, IReadOnlyDictionary<string, string?> switches, TimeProvider time)
    {
        if (options.SessionSecret is null) return Fail("session:secret", "no secret configured (set SESSION_SECRET)");
        if (switches.GetValueOrDefault("user") is not { Length: > 0 } user) return Fail("user", "missing --user <id>");
        if (ParseTtl(switches.GetValueOrDefault("ttl") ?? "30d") is not { } ttl) return Fail("ttl", "use a number with s, m, h or d, e.g. 30d");
        var admin = switches.GetValueOrDefault("admin") is "true";
        Console.WriteLine(new TokenService(options.SessionSecret).Mint(user, ttl, admin, time.GetUtcNow()));
        return 0;
    }

    internal static TimeSpan? ParseTtl(string text)
    {
        var unit = text[^1];
        var digits = char.IsDigit(unit) ? text : text[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0) return null;
        return unit switch
        {
            's' or (>= '0' and <= '9') => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
    }

    private static int Fail(string key, string problem)
    {
        Console.Error.WriteLine(new ConfigError(key, problem));
        return 2;
    }
}
