using System.Net.Sockets;
using System.Text;

namespace WebDevSync.Agent.Live.Vim;

/// <summary>
/// The agent's end of <see cref="VimScript"/>'s channel: a Unix socket in the agent's private
/// directory that the script connects to. Vim sends <c>[n, ["hello"|"text", lines]]</c> lines of
/// JSON; the agent sends <c>[0, {"set": lines, "final": bool}]</c>.
/// </summary>
public sealed class VimLive : ILiveBuffer
{
    /// <summary>A line from Vim beyond this is refused (the agent's file limit is far below).</summary>
    public const int MaxLineBytes = 64 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Action<string> _onChange;
    private readonly AgreedText _agreed;
    private readonly System.Collections.Concurrent.ConcurrentQueue<TaskCompletionSource<bool>> _applying = new();

    private VimLive(Socket socket, string text, Action<string> onChange)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _agreed = new AgreedText(text);
        _onChange = onChange;
        Completion = Task.Run(ReadLoopAsync);
    }

    public Task Completion { get; }

    /// <summary>Listens on <paramref name="socketPath"/> before Vim starts (the script connects once, at start-up).</summary>
    public static Socket Listen(string socketPath)
    {
        if (File.Exists(socketPath)) File.Delete(socketPath);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(1);
        return listener;
    }

    /// <summary>Waits for the script to connect; throws <see cref="OperationCanceledException"/> when it does not in time.</summary>
    public static async Task<VimLive> AcceptAsync(Socket listener, string text, Action<string> onChange, TimeSpan wait, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        while (true)
        {
            var socket = await listener.AcceptAsync(timeout.Token);
            // The socket sits in the agent's 0700 directory, and still: only this user's Vim may speak on it.
            if (Peers.UnixPeer.Of(socket).Allowed) return new VimLive(socket, text, onChange);
            socket.Dispose();
        }
    }

    private async Task ReadLoopAsync()
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(_stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, 64 * 1024, leaveOpen: true);
        }
        catch (ArgumentException)
        {
            return; // disposed before this loop got going: an end, not an error
        }
        using var _ = reader;
        try
        {
            while (await ReadLineAsync(reader) is { } line) OnMessage(line);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidDataException) { }
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader)
    {
        var line = await reader.ReadLineAsync();
        return line is { Length: > MaxLineBytes } ? throw new InvalidDataException("a line from vim is too long") : line;
    }

    private void OnMessage(string line)
    {
        if (VimMessages.IsApplied(line)) { if (_applying.TryDequeue(out var done)) done.TrySetResult(true); return; }
        if (VimMessages.Lines(line) is { } lines && _agreed.Changed(lines) is { } text) _onChange(text);
    }

    public async Task<bool> ApplyAsync(string text)
    {
        var target = _agreed.Expect(text);
        var frame = VimMessages.Set(target.Lines, target.FinalBreak);
        var applied = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _writing.WaitAsync();
        try
        {
            _applying.Enqueue(applied);
            await _stream.WriteAsync(frame);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            _writing.Release();
        }
        // Vim acknowledges each change once it is in the buffer; a Vim that quit never will.
        return await Task.WhenAny(applied.Task, Completion) == applied.Task && await applied.Task;
    }

    public async Task<bool> NoticeAsync(string text)
    {
        await _writing.WaitAsync();
        try
        {
            await _stream.WriteAsync(VimMessages.Notice(text));
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            _writing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        await _stream.DisposeAsync();
        await Completion;
        _writing.Dispose();
    }
}
