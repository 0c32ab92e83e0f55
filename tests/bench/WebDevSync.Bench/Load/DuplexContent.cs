using System.Net;

namespace WebDevSync.Bench.Load;

/// <summary>
/// A request body written while the response is read (HTTP/2 full duplex): HttpClient hands over the
/// stream when it starts sending the body, and the body ends when <see cref="Complete"/> is called.
/// </summary>
public sealed class DuplexContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DuplexContent(string contentType) => Headers.TryAddWithoutValidation("Content-Type", contentType);

    public Task<Stream> Stream => _stream.Task;

    public void Complete() => _done.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        _stream.TrySetResult(stream);
        return _done.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
