using System.Net;
using System.Text;

namespace WebDevSync.Bench.Load;

/// <summary>
/// A benchmark client over gRPC-Web as a browser must use it (no streaming requests): a
/// <c>Subscribe</c> call carries the connect message and streams what the relay sends; each edit
/// request or code update is a unary <c>Send</c>, on HTTP/1.1.
/// </summary>
public sealed class GrpcWebEnd(HttpClient http, Uri webBase, EndRole role, PairIdentity id, int payloadBytes) : IClientEnd
{
    private const string ContentType = "application/grpc-web+proto";
    private readonly byte[] _frame = GrpcFrames.Frame(GrpcFrames.Relayed(role, id, payloadBytes));
    private int _digits;
    private HttpResponseMessage? _subscription;
    private FrameReader? _reader;

    public async Task ConnectAsync(CancellationToken ct)
    {
        _digits = Stamp.DigitsOffset(_frame);
        _subscription = await http.SendAsync(Post("Subscribe", GrpcFrames.Frame(GrpcFrames.Connect(role, id))), HttpCompletionOption.ResponseHeadersRead, ct);
        if (_subscription.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Subscribe answered HTTP {(int)_subscription.StatusCode}");
        _reader = new FrameReader(await _subscription.Content.ReadAsStreamAsync(ct));
        while (true)
        {
            if (!await _reader.NextAsync(ct) || _reader.Flag == GrpcFrames.TrailerFlag)
                throw new InvalidOperationException("Subscribe ended before connection_ack: " + Encoding.ASCII.GetString(_reader.Message));
            if (GrpcFrames.IsAck(_reader.Message)) return;
        }
    }

    public async ValueTask SendAsync(long stamp, CancellationToken ct)
    {
        Stamp.Write(_frame.AsSpan(_digits, Stamp.Digits), stamp);
        using var response = await http.SendAsync(Post("Send", _frame), ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        // The unary answer: a SendAck frame, then the trailer frame with grpc-status.
        if (response.StatusCode != HttpStatusCode.OK || body.AsSpan().IndexOf("grpc-status: 0\r\n"u8) < 0)
            throw new InvalidOperationException("Send failed: " + Encoding.ASCII.GetString(body));
    }

    public async ValueTask<Inbound> ReceiveAsync(CancellationToken ct)
    {
        if (!await _reader!.NextAsync(ct) || _reader.Flag == GrpcFrames.TrailerFlag) return Inbound.Closed;
        var kind = GrpcFrames.KindOf(_reader.Message);
        return new Inbound(kind, kind is InboundKind.EditRequest or InboundKind.CodeUpdate ? Stamp.Find(_reader.Message) : -1);
    }

    private HttpRequestMessage Post(string method, byte[] frame)
    {
        var content = new ByteArrayContent(frame);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(webBase, "/webdevsync.v1.WebDevSync/" + method)) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Grpc-Web", "1");
        return request;
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }
}
