using Google.Protobuf;
using WebDevSync.Grpc.Server;

namespace WebDevSync.Grpc;

/// <summary>
/// The server's messages of a streaming call. Safe to use from several threads: writes are serialized
/// (PipeWriter is not thread-safe) and each message is flushed at once.
/// </summary>
public sealed class GrpcResponseStream<T> where T : IMessage<T>
{
    private readonly CallResponseWriter _writer;
    private readonly CancellationToken _cancellationToken;

    internal GrpcResponseStream(CallResponseWriter writer, CancellationToken cancellationToken) =>
        (_writer, _cancellationToken) = (writer, cancellationToken);

    /// <summary>Writes and flushes one message; throws once the call has ended.</summary>
    public Task WriteAsync(T message) => _writer.WriteMessageAsync(message, _cancellationToken);

    /// <summary>Like <see cref="WriteAsync"/> but answers false instead of throwing when the call is over or the client gone.</summary>
    public Task<bool> TryWriteAsync(T message) => _writer.TryWriteMessageAsync(message, _cancellationToken);
}
