using System.Diagnostics;
using System.Text;

namespace WebDevSync.Bench.Load;

/// <summary>
/// The send time travels inside the code itself: <c>@@</c> and 19 digits of the monotonic clock
/// (Stopwatch, nanoseconds on Linux), then padding up to the payload size. Both relays forward code
/// unchanged, so the receiver finds the stamp by scanning, whatever the framing (JSON or protobuf).
/// </summary>
public static class Stamp
{
    public const int Digits = 19;
    private const string Marker = "@@";
    private static readonly byte[] MarkerBytes = "@@"u8.ToArray();

    public static long Now() => Stopwatch.GetTimestamp();

    public static long Micros(long from, long to) => (to - from) * 1_000_000 / Stopwatch.Frequency;

    /// <summary>Code of <paramref name="size"/> characters (at least the stamp) with a zero stamp, to be overwritten per send.</summary>
    public static string TemplateCode(int size) =>
        Marker + new string('0', Digits) + new string('x', Math.Max(0, size - Marker.Length - Digits));

    /// <summary>Where the digits of the stamp start in an encoded template message.</summary>
    public static int DigitsOffset(ReadOnlySpan<byte> encoded)
    {
        var at = encoded.IndexOf(Encoding.ASCII.GetBytes(Marker + new string('0', Digits)));
        if (at < 0) throw new InvalidOperationException("template has no stamp");
        return at + Marker.Length;
    }

    public static void Write(Span<byte> digits, long value)
    {
        for (var i = Digits - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>The template's code with <paramref name="stamp"/> in its digits (the template starts with the stamp).</summary>
    public static string Code(string template, long stamp) =>
        string.Create(template.Length, (template, stamp), static (span, s) =>
        {
            s.template.AsSpan().CopyTo(span);
            var value = s.stamp;
            for (var i = Marker.Length + Digits - 1; i >= Marker.Length; i--)
            {
                span[i] = (char)('0' + value % 10);
                value /= 10;
            }
        });

    /// <summary>The stamp in received code (a parsed protobuf message), or -1.</summary>
    public static long Find(string code)
    {
        var at = code.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || at + Marker.Length + Digits > code.Length) return -1;
        long value = 0;
        foreach (var c in code.AsSpan(at + Marker.Length, Digits))
        {
            if (c is < '0' or > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /// <summary>The stamp in a received message, or -1. It sits near the start; the whole message is the fallback.</summary>
    public static long Find(ReadOnlySpan<byte> message)
    {
        var head = message[..Math.Min(message.Length, 4096)];
        var at = head.IndexOf(MarkerBytes);
        if (at < 0) at = message.IndexOf(MarkerBytes);
        if (at < 0 || at + MarkerBytes.Length + Digits > message.Length) return -1;
        long value = 0;
        foreach (var b in message.Slice(at + MarkerBytes.Length, Digits))
        {
            if (b is < (byte)'0' or > (byte)'9') return -1;
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
