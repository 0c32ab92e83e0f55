using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace WebDevSync.Server.Configuration;

/// <summary>
/// Typed reads of configuration keys that remember the first value that does not fit, and every key
/// asked for: the keys the binder reads are the relay's known keys (<see cref="KnownKeys"/>).
/// </summary>
internal sealed class KeyReader(IConfiguration c)
{
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _lists = new(StringComparer.OrdinalIgnoreCase);

    public ConfigError? Error { get; private set; }

    /// <summary>Every key read so far (configuration paths such as <c>session:secret</c>).</summary>
    public IReadOnlySet<string> Known => _known;

    /// <summary>The keys that take a JSON array, so <c>cors:origin:0</c> belongs to <c>cors:origin</c>.</summary>
    public IReadOnlySet<string> Lists => _lists;

    public bool Has(string key) => Raw(key) is not null;

    /// <summary>Keys accepted without effect (the seed's file has them for its Express session).</summary>
    public void Accept(params string[] keys) => _known.UnionWith(keys);

    public string Text(string key, string fallback) => Raw(key) ?? fallback;

    private string? Raw(string key)
    {
        _known.Add(key);
        return c[key];
    }

    public int Int(string key, int fallback, int min, int max) => (int)Long(key, fallback, min, max);

    public long Long(string key, long fallback, long min, long max = long.MaxValue)
    {
        if (Raw(key) is not { } raw) return fallback;
        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        return Fail(key, $"'{raw}' is not a whole number from {min} to {max}", fallback);
    }

    public bool Bool(string key, bool fallback)
    {
        if (Raw(key) is not { } raw) return fallback;
        return raw.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => Fail(key, $"'{raw}' is not true or false", fallback),
        };
    }

    public string Path(string key, string fallback)
    {
        var v = Text(key, fallback);
        return v.StartsWith('/') ? v : Fail(key, $"'{v}' must start with '/'", fallback);
    }

    public string OneOf(string key, string fallback, params string[] allowed)
    {
        var v = Text(key, fallback);
        return allowed.Contains(v, StringComparer.OrdinalIgnoreCase) ? v.ToLowerInvariant() : Fail(key, $"'{v}' is not one of {string.Join(", ", allowed)}", fallback);
    }

    /// <summary>Origins as a JSON array (the seed's <c>cors.origin</c>) or a comma-separated string (<c>CORS_ORIGINS</c>).</summary>
    public IReadOnlyList<string> Origins(string key, IReadOnlyList<string> fallback)
    {
        _known.Add(key);
        _lists.Add(key);
        var section = c.GetSection(key);
        var list = section.Value is { } joined
            ? joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : section.GetChildren().Select(x => x.Value ?? "").ToList();
        if (section.Value is null && list.Count == 0) return fallback;
        var bad = list.FirstOrDefault(o => o != "*" && !(Uri.TryCreate(o, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"));
        return bad is null ? list : Fail(key, $"'{bad}' is not an http(s) origin or '*'", fallback);
    }

    public void Check(string key, bool ok, string problem)
    {
        if (!ok) Fail(key, problem, 0);
    }

    private T Fail<T>(string key, string problem, T fallback)
    {
        Error ??= new ConfigError(key, problem);
        return fallback;
    }
}
