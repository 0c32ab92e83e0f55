namespace WebDevSync.Agent.Configuration;

/// <summary>The known switch closest to a misspelt one (<c>--usr</c> → <c>--user</c>), for a "did you mean" hint.</summary>
public static class NearestSwitch
{
    /// <summary>The closest candidate when it is a likely typo: at most a third of the name's length in edits, and at most 3.</summary>
    public static string? Of(string typed, IEnumerable<string> candidates)
    {
        var name = typed.Split('=', 2)[0].ToLowerInvariant();
        var limit = Math.Clamp(name.Length / 3, 1, 3);
        return candidates
            .Select(c => (Name: c, Distance: Distance(name, c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>Edits between two names: insertions, deletions, substitutions and swaps of neighbours.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
