using System.Net;
using System.Net.Http.Headers;

namespace WebDevSync.Bench.Load;

/// <summary>
/// A benchmark client over native gRPC: one <c>Connect</c> bidi stream on HTTP/2 with prior knowledge
/// (h2c), written by hand (5-byte prefix + protobuf) because Grpc.Net.Client is not available here.
/// </summary>
public sealed class GrpcEnd(HttpClient http, Uri grpcBase, EndRole role, PairIdentity id, int payloadBytes) : IClientEnd
{
    private readonly byte[] _frame = GrpcFrames.Frame(GrpcFrames.Relayed(role, id, payloadBytes));
    private readonly DuplexContent _body = new("application/grpc");
    private int _digits;
    private HttpResponseMessage? _response;
    private Stream? _requestStream;
    private FrameReader? _reader;

    public async Task ConnectAsync(CancellationToken ct)
    {
        _digits = Stamp.DigitsOffset(_frame);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(grpcBase, "/webdevsync.v1.WebDevSync/Connect"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = _body,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        var sending = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        _requestStream = await _body.Stream.WaitAsync(ct);
        await WriteAsync(GrpcFrames.Frame(GrpcFrames.Connect(role, id)), ct);
        _response = await sending;
        if (_response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Connect answered HTTP {(int)_response.StatusCode}");
        _reader = new FrameReader(await _response.Content.ReadAsStreamAsync(ct));
        while (true)
        {
            if (!await _reader.NextAsync(ct)) throw new InvalidOperationException("Connect ended before connection_ack: " + GrpcStatusOf(_response));
            if (GrpcFrames.IsAck(_reader.Message)) return;
            if (GrpcFrames.KindOf(_reader.Message) == InboundKind.Error) throw new InvalidOperationException("connect refused");
        }
    }

    public ValueTask SendAsync(long stamp, CancellationToken ct)
    {
        Stamp.Write(_frame.AsSpan(_digits, Stamp.Digits), stamp);
        return WriteAsync(_frame, ct);
    }

    private async ValueTask WriteAsync(byte[] frame, CancellationToken ct)
    {
        await _requestStream!.WriteAsync(frame, ct);
        await _requestStream.FlushAsync(ct);
    }

    public async ValueTask<Inbound> ReceiveAsync(CancellationToken ct)
    {
        if (!await _reader!.NextAsync(ct)) return Inbound.Closed;
        var kind = GrpcFrames.KindOf(_reader.Message);
        return new Inbound(kind, kind is InboundKind.EditRequest or InboundKind.CodeUpdate ? Stamp.Find(_reader.Message) : -1);
    }

    private static string GrpcStatusOf(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-status", out var s) ? "grpc-status " + string.Join(",", s) : "no status";

    public ValueTask DisposeAsync()
    {
        _body.Complete();
        _response?.Dispose();
        return ValueTask.CompletedTask;
    }
}
