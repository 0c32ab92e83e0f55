using System.IO.Pipelines;
using Google.Protobuf;
using WebDevSync.Grpc.Wire;

namespace WebDevSync.Grpc.Server;

/// <summary>
/// Reads length-prefixed request messages from the request body. Malformed input ends the call: the
/// framing helper reports it as data and this adapter turns it into a <see cref="GrpcException"/> so the
/// handler unwinds to the dispatcher, which sends the status. The failure is also remembered, so a
/// handler that swallows it still cannot end a malformed call with OK.
/// </summary>
internal sealed class RequestFrameReader(PipeReader body, long maxMessageSize, CancellationToken cancellationToken)
{
    /// <summary>The status of the first protocol error in the request stream, if any.</summary>
    public GrpcStatus? Failure { get; private set; }

    public async ValueTask<T?> ReadNextAsync<T>(MessageParser<T> parser) where T : IMessage<T>
    {
        if (Failure is { } failed) throw new GrpcException(failed);
        try
        {
            return await ReadFrameAsync(parser);
        }
        catch (GrpcException exception)
        {
            Failure = exception.Status;
            throw;
        }
    }

    private async ValueTask<T?> ReadFrameAsync<T>(MessageParser<T> parser) where T : IMessage<T>
    {
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var frame = MessageFraming.TryRead(ref buffer, maxMessageSize);
            switch (frame)
            {
                case FrameReadResult.Message message:
                    try
                    {
                        return Parse(parser, message);
                    }
                    finally
                    {
                        body.AdvanceTo(buffer.Start);
                    }
                case FrameReadResult.Incomplete when result.IsCompleted:
                    body.AdvanceTo(buffer.End);
                    if (buffer.IsEmpty) return default;
                    throw new GrpcException(GrpcStatusCode.Internal, "Incomplete message: the request ended inside a frame.");
                case FrameReadResult.Incomplete:
                    body.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                case FrameReadResult.TooLarge tooLarge:
                    body.AdvanceTo(buffer.Start);
                    throw new GrpcException(GrpcStatusCode.ResourceExhausted,
                        $"Received message larger than max ({tooLarge.DeclaredLength} vs. {maxMessageSize})");
                case FrameReadResult.InvalidFlags invalid:
                    body.AdvanceTo(buffer.Start);
                    throw new GrpcException(GrpcStatusCode.Internal, $"Invalid frame flags 0x{invalid.Flags:X2}.");
                default:
                    throw new InvalidOperationException($"Unhandled frame result {frame}.");
            }
        }
    }

    /// <summary>Exactly one message, as unary and server-streaming calls require.</summary>
    public async ValueTask<T> ReadSingleAsync<T>(MessageParser<T> parser) where T : IMessage<T>
    {
        var message = await ReadNextAsync(parser)
            ?? throw new GrpcException(GrpcStatusCode.Internal, "The request ended without a message.");
        if (await ReadNextAsync(parser) is not null)
            throw new GrpcException(GrpcStatusCode.Internal, "More than one request message for a single-request method.");
        return message;
    }

    private static T Parse<T>(MessageParser<T> parser, FrameReadResult.Message message) where T : IMessage<T>
    {
        if (message.Compressed)
            throw new GrpcException(GrpcStatusCode.Unimplemented,
                "Compressed messages are not supported; this server accepts grpc-encoding identity only.");
        try
        {
            return parser.ParseFrom(message.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new GrpcException(GrpcStatusCode.Internal, "The request message could not be parsed.");
        }
    }
}
