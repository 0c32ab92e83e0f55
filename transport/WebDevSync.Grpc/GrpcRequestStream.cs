using Google.Protobuf;
using WebDevSync.Grpc.Server;

namespace WebDevSync.Grpc;

/// <summary>The client's messages of a client-streaming or duplex call, in order; ends when the client half-closes.</summary>
public sealed class GrpcRequestStream<T> : IAsyncEnumerable<T> where T : IMessage<T>
{
    private readonly RequestFrameReader _reader;
    private readonly MessageParser<T> _parser;

    internal GrpcRequestStream(RequestFrameReader reader, MessageParser<T> parser) => (_reader, _parser) = (reader, parser);

    /// <summary>The next message, or null once the client has ended its stream.</summary>
    public ValueTask<T?> ReadNextAsync() => _reader.ReadNextAsync(_parser);

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        while (await ReadNextAsync() is { } message) yield return message;
    }
}
