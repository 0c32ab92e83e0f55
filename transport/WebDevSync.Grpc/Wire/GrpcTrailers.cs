using System.Globalization;

namespace WebDevSync.Grpc.Wire;

/// <summary>The status part of trailers, built the same way for every wire form.</summary>
internal static class GrpcTrailers
{
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string AcceptEncoding = "grpc-accept-encoding";

    public static IEnumerable<KeyValuePair<string, string>> For(GrpcStatus status, IEnumerable<KeyValuePair<string, string>> custom)
    {
        yield return new(Status, ((int)status.Code).ToString(CultureInfo.InvariantCulture));
        if (status.Detail.Length > 0) yield return new(Message, StatusMessageEncoding.Encode(status.Detail));
        foreach (var pair in custom) yield return pair;
    }
}
