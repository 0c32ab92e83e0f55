using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using WebDevSync.Grpc.Wire;

namespace WebDevSync.Grpc.Client;

/// <summary>
/// The client side of one bidirectional streaming call over HTTP/2: write messages, half-close, read
/// messages until the server ends the call; <see cref="Status"/> then holds the trailers' status.
/// </summary>
public sealed class GrpcDuplexCall<TRequest, TResponse> : IAsyncDisposable
    where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse>
{
    private readonly FrameChannelContent _requests;
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly MessageParser<TResponse> _parser;
    private readonly CancellationTokenSource _cancel;
    private readonly byte[] _header = new byte[MessageFraming.HeaderSize];

    internal GrpcDuplexCall(FrameChannelContent requests, HttpResponseMessage response, Stream body, MessageParser<TResponse> parser, CancellationTokenSource cancel) =>
        (_requests, _response, _body, _parser, _cancel) = (requests, response, body, parser, cancel);

    /// <summary>The call's outcome, known once <see cref="ReadNextAsync"/> returned null.</summary>
    public GrpcStatus? Status { get; private set; }

    public ValueTask WriteAsync(TRequest message)
    {
        var buffer = new ArrayBufferWriter<byte>(message.CalculateSize() + MessageFraming.HeaderSize);
        MessageFraming.WriteMessage(buffer, message);
        return _requests.WriteAsync(buffer.WrittenMemory, _cancel.Token);
    }

    /// <summary>Ends the request stream; the server may go on sending.</summary>
    public void CompleteRequests() => _requests.Complete();

    /// <summary>The next message, or null when the server ended the call (see <see cref="Status"/>).</summary>
    public async ValueTask<TResponse?> ReadNextAsync()
    {
        if (!await FillAsync(_header).ConfigureAwait(false))
        {
            Status = StatusOf(_response.TrailingHeaders) ?? new GrpcStatus(GrpcStatusCode.Internal, "call ended without a status");
            return default;
        }
        if (_header[0] != 0) throw new GrpcException(GrpcStatusCode.Internal, "compressed or unknown frame from server");
        var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(1));
        var payload = new byte[length];
        if (!await FillAsync(payload).ConfigureAwait(false)) throw new GrpcException(GrpcStatusCode.Internal, "truncated message from server");
        return _parser.ParseFrom(payload);
    }

    /// <summary>Cancels the call (an HTTP/2 stream reset), as a client does when it goes away.</summary>
    public void Cancel() => _cancel.Cancel();

    public async ValueTask DisposeAsync()
    {
        _requests.Complete();
        _cancel.Cancel();
        await _body.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _cancel.Dispose();
    }

    internal static GrpcStatus? StatusOf(System.Net.Http.Headers.HttpHeaders headers)
    {
        if (!headers.TryGetValues(GrpcTrailers.Status, out var codes)) return null;
        var code = int.TryParse(codes.First(), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? (GrpcStatusCode)c : GrpcStatusCode.Unknown;
        var message = headers.TryGetValues(GrpcTrailers.Message, out var m) ? StatusMessageEncoding.Decode(m.First()) : "";
        return new GrpcStatus(code, message);
    }

    /// <summary>Reads exactly <paramref name="target"/>'s length; false if the body ended first, at a frame boundary.</summary>
    private async ValueTask<bool> FillAsync(Memory<byte> target)
    {
        var read = 0;
        while (read < target.Length)
        {
            var n = await _body.ReadAsync(target[read..], _cancel.Token).ConfigureAwait(false);
            if (n == 0) return read == 0 ? false : throw new GrpcException(GrpcStatusCode.Internal, "truncated frame from server");
            read += n;
        }
        return true;
    }
}
