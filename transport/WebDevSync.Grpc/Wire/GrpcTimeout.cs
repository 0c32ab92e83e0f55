namespace WebDevSync.Grpc.Wire;

/// <summary>The <c>grpc-timeout</c> header: 1–8 ASCII digits and a unit (H M S m u n).</summary>
internal static class GrpcTimeout
{
    /// <summary>The longest timeout a CancellationTokenSource can schedule; longer ones mean "no deadline".</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    /// <summary>Null when absent, malformed (treated as absent, like other servers do) or beyond what can be scheduled.</summary>
    public static TimeSpan? Parse(string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Length < 2 || header.Length > 9) return null;
        var digits = header.AsSpan(0, header.Length - 1);
        foreach (var c in digits)
            if (c is < '0' or > '9') return null;
        var value = long.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        TimeSpan? timeout = header[^1] switch
        {
            'H' => TimeSpan.FromHours(value),
            'M' => TimeSpan.FromMinutes(value),
            'S' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMilliseconds(value),
            'u' => TimeSpan.FromTicks(value * 10),
            'n' => TimeSpan.FromTicks(value / 100),
            _ => null,
        };
        return timeout > Longest ? null : timeout;
    }
}
