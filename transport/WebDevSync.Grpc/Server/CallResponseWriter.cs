using System.Buffers;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using WebDevSync.Grpc.Wire;

namespace WebDevSync.Grpc.Server;

/// <summary>
/// The single writer of one call's response. A gate admits one writer at a time (PipeWriter is not
/// thread-safe), every message is flushed at once, and after the status is written no more writes happen.
/// </summary>
internal sealed class CallResponseWriter(HttpResponse response, GrpcProtocol protocol, long maxMessageSize)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _completed;

    public async Task WriteHeadersAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_completed || response.HasStarted) return;
            await response.StartAsync(cancellationToken);
            await response.BodyWriter.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes and flushes one message; throws when the call has ended or the client is gone.</summary>
    public async Task WriteMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        if (!await WriteCoreAsync(message, cancellationToken))
            throw new InvalidOperationException("The call has ended; no more messages can be written.");
    }

    /// <summary>Like <see cref="WriteMessageAsync"/>, but a finished call or a vanished client is a false, not an exception.</summary>
    public async Task<bool> TryWriteMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteCoreAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            return false;
        }
    }

    private async Task<bool> WriteCoreAsync(IMessage message, CancellationToken cancellationToken)
    {
        var size = message.CalculateSize();
        if (size > maxMessageSize)
            throw new GrpcException(GrpcStatusCode.ResourceExhausted,
                $"Sending message larger than max ({size} vs. {maxMessageSize})");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_completed) return false;
            cancellationToken.ThrowIfCancellationRequested();
            if (protocol == GrpcProtocol.WebText)
            {
                // Each frame is its own padded base64 chunk, so a reader can decode as frames arrive.
                var frame = new ArrayBufferWriter<byte>(size + MessageFraming.HeaderSize);
                MessageFraming.WriteMessage(frame, message);
                Base64Chunks.Encode(frame.WrittenSpan, response.BodyWriter);
            }
            else
            {
                MessageFraming.WriteMessage(response.BodyWriter, message);
            }
            var flush = await response.BodyWriter.FlushAsync(cancellationToken);
            return !flush.IsCanceled && !flush.IsCompleted;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Ends the call with its status: HTTP/2 trailers, a Trailers-Only header block when nothing was sent
    /// yet (native gRPC), or the gRPC-Web trailer frame in the body.
    /// </summary>
    public async Task CompleteAsync(GrpcStatus status, IEnumerable<KeyValuePair<string, string>> customTrailers)
    {
        await _gate.WaitAsync();
        try
        {
            if (_completed) return;
            _completed = true;
            var trailers = GrpcTrailers.For(status, customTrailers);
            if (protocol == GrpcProtocol.Native)
            {
                foreach (var (name, value) in trailers)
                {
                    if (response.HasStarted) response.AppendTrailer(name, value);
                    else response.Headers.Append(name, value);
                }
                return;
            }
            var frame = new ArrayBufferWriter<byte>();
            WebTrailers.WriteFrame(frame, trailers);
            if (protocol == GrpcProtocol.WebText) Base64Chunks.Encode(frame.WrittenSpan, response.BodyWriter);
            else response.BodyWriter.Write(frame.WrittenSpan);
            await response.BodyWriter.FlushAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
