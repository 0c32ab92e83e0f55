using System.Net;
using System.Threading.Channels;

namespace WebDevSync.Grpc.Tests.Hosting;

/// <summary>A request body the test feeds chunk by chunk, for streaming calls made by hand.</summary>
public sealed class StreamingContent : HttpContent
{
    private readonly Channel<byte[]> _chunks = Channel.CreateUnbounded<byte[]>();

    public void Send(byte[] chunk) => _chunks.Writer.TryWrite(chunk);

    public void End() => _chunks.Writer.TryComplete();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await foreach (var chunk in _chunks.Reader.ReadAllAsync(cancellationToken))
        {
            await stream.WriteAsync(chunk, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
