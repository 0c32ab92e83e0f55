using System.Text;
using Google.Protobuf;
using WebDevSync.TestKit.Raw;

namespace WebDevSync.Transport.Tests.GrpcWeb;

/// <summary>The two gRPC-Web body encodings (PROTOCOL-WEB.md): binary frames, or the same frames in base64.</summary>
public enum GrpcWebMode { Binary, Text }

/// <summary>A gRPC-Web response as a browser's fetch sees it: HTTP status, headers, data frames and the trailer frame.</summary>
public sealed record GrpcWebResponse(HttpStatusCode HttpStatus, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<byte[]> Messages, IReadOnlyDictionary<string, string>? Trailer)
{
    /// <summary>The status from the trailer frame, or from the headers of a Trailers-Only response.</summary>
    public string? GrpcStatus => Trailer?.GetValueOrDefault("grpc-status") ?? Headers.GetValueOrDefault("grpc-status");

    public string? GrpcMessage => Trailer?.GetValueOrDefault("grpc-message") ?? Headers.GetValueOrDefault("grpc-message");
}

/// <summary>Hand-made gRPC-Web calls over HTTP/1.1, so a test sees every byte the relay answers with.</summary>
public static class GrpcWebWire
{
    public static string ContentType(GrpcWebMode mode) => mode == GrpcWebMode.Binary ? "application/grpc-web+proto" : "application/grpc-web-text";

    public static byte[] Frame(IMessage message) => GrpcFrames.Frame(message.ToByteArray());

    public static async Task<GrpcWebResponse> PostAsync(string baseUrl, string method, byte[] body, GrpcWebMode mode, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var content = new ByteArrayContent(mode == GrpcWebMode.Text ? Encoding.ASCII.GetBytes(Convert.ToBase64String(body)) : body);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType(mode));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/webdevsync.v1.WebDevSync/{method}")
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("X-Grpc-Web", "1");
        request.Headers.TryAddWithoutValidation("Accept", ContentType(mode)); // as grpc-web clients send: the server answers in the same mode
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Timeouts.Token());
        var raw = await response.Content.ReadAsByteArrayAsync(Timeouts.Token());
        var all = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        var (messages, trailer) = SplitFrames(mode == GrpcWebMode.Text ? DecodeBase64Chunks(raw) : raw);
        return new GrpcWebResponse(response.StatusCode, all, messages, trailer);
    }

    /// <summary>Text-mode bodies may be several base64 strings back to back, each with its own padding.</summary>
    public static byte[] DecodeBase64Chunks(byte[] text)
    {
        var output = new List<byte>();
        var chunk = new StringBuilder();
        for (var i = 0; i < text.Length; i += 4)
        {
            var group = Encoding.ASCII.GetString(text, i, Math.Min(4, text.Length - i));
            chunk.Append(group);
            if (!group.EndsWith('=') && i + 4 < text.Length) continue;
            output.AddRange(Convert.FromBase64String(chunk.ToString()));
            chunk.Clear();
        }
        return [.. output];
    }

    /// <summary>Data frames (flag 0x00) and the trailer frame (flag 0x80, HTTP/1-style header lines).</summary>
    public static (IReadOnlyList<byte[]> Messages, IReadOnlyDictionary<string, string>? Trailer) SplitFrames(ReadOnlySpan<byte> body)
    {
        var frames = GrpcFrames.Split(body);
        var trailer = frames.Where(f => (f.Flags & 0x80) != 0).Select(f => ParseTrailer(Encoding.ASCII.GetString(f.Payload))).LastOrDefault();
        return ([.. frames.Where(f => (f.Flags & 0x80) == 0).Select(f => f.Payload)], trailer);
    }

    private static Dictionary<string, string> ParseTrailer(string block) =>
        block.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
}
