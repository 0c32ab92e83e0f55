namespace WebDevSync.Server.Configuration;

/// <summary>
/// Turns <c>--grpc-port 9000</c>, <c>--grpc-port=9000</c> and bare flags such as <c>--debug</c> into
/// configuration keys (kebab-case becomes the camelCase key: <c>grpcPort</c>).
/// </summary>
public static class CommandLineSwitches
{
    public static IReadOnlyDictionary<string, string?> Parse(IReadOnlyList<string> args)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var body = args[i][2..];
            var eq = body.IndexOf('=');
            if (eq >= 0)
                result[KeyOf(body[..eq])] = body[(eq + 1)..];
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                result[KeyOf(body)] = args[++i];
            else
                result[KeyOf(body)] = "true";
        }
        return result;
    }

    /// <summary>
    /// Each switch as typed (<c>--grpc-port</c>) with its key, and each word that is neither a switch,
    /// a switch's value nor the subcommand (<c>Key</c> null), in the order given.
    /// </summary>
    public static IReadOnlyList<(string Typed, string? Key)> Words(IReadOnlyList<string> args)
    {
        var words = new List<(string, string?)>();
        for (var i = Subcommand(args) is null ? 0 : 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) { words.Add((args[i], null)); continue; }
            var body = args[i][2..];
            var eq = body.IndexOf('=');
            var name = eq >= 0 ? body[..eq] : body;
            words.Add(("--" + name, KeyOf(name)));
            if (eq < 0 && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) i++;
        }
        return words;
    }

    /// <summary><c>grpcPort</c> as a switch: <c>--grpc-port</c>.</summary>
    public static string SwitchOf(string key) =>
        "--" + string.Concat(key.Select(ch => char.IsUpper(ch) ? "-" + char.ToLowerInvariant(ch) : ch.ToString()));

    /// <summary>The first argument that is not a switch or a switch's value (a subcommand such as <c>token</c>).</summary>
    public static string? Subcommand(IReadOnlyList<string> args) =>
        args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : null;

    private static string KeyOf(string kebab)
    {
        var parts = kebab.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? kebab : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
