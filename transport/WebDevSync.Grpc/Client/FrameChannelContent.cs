using System.Net;
using System.Threading.Channels;

namespace WebDevSync.Grpc.Client;

/// <summary>
/// A request body that stays open: each queued frame is written and flushed at once, and completing
/// the channel ends the body (the client's half-close).
/// </summary>
internal sealed class FrameChannelContent : HttpContent
{
    private readonly Channel<ReadOnlyMemory<byte>> _frames = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new() { SingleReader = true });

    public FrameChannelContent() => Headers.ContentType = new("application/grpc");

    public ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken ct) => _frames.Writer.WriteAsync(frame, ct);

    public void Complete() => _frames.Writer.TryComplete();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken ct)
    {
        await foreach (var frame in _frames.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await stream.WriteAsync(frame, ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
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
