using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using MessagePack;

namespace WebDevSync.Agent.Live.Nvim;

/// <summary>The answer to one call: a result, or Neovim's error message.</summary>
public sealed record RpcResult(object? Value, string? Error)
{
    public bool Ok => Error is null;
}

/// <summary>
/// msgpack-RPC with Neovim over its <c>--listen</c> Unix socket
/// (https://neovim.io/doc/user/api.html#rpc-connecting, msgpack-rpc spec): requests
/// <c>[0, id, method, params]</c> answered by <c>[1, id, error, result]</c>, notifications
/// <c>[2, method, params]</c>. Calls may overlap; one writer at a time; one reader loop.
/// </summary>
public sealed class NvimRpc : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<RpcResult>> _pending = new();
    private readonly Action<string, object?[]> _onNotification;
    private readonly CancellationTokenSource _stop = new();
    private uint _nextId;
    private int _disposed;

    private NvimRpc(Socket socket, Action<string, object?[]> onNotification)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _onNotification = onNotification;
        Completion = Task.Run(ReadLoopAsync);
    }

    /// <summary>Ends when the connection does (Neovim quit, or disposed).</summary>
    public Task Completion { get; }

    public static async Task<NvimRpc> ConnectAsync(string socketPath, Action<string, object?[]> onNotification, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            return new NvimRpc(socket, onNotification);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<RpcResult> CallAsync(string method, params object?[] args)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<RpcResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var frame = new ArrayBufferWriter<byte>(256);
        var w = new MessagePackWriter(frame);
        w.WriteArrayHeader(4);
        w.Write(0);
        w.Write(id);
        w.Write(method);
        MsgPackValue.Write(ref w, args);
        w.Flush();
        try
        {
            await _writing.WaitAsync(_stop.Token);
            try { await _stream.WriteAsync(frame.WrittenMemory, _stop.Token); }
            finally { _writing.Release(); }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            _pending.TryRemove(id, out _);
            return new RpcResult(null, $"connection lost: {e.Message}");
        }
        return await answer.Task;
    }

    private async Task ReadLoopAsync()
    {
        using var reader = new MessagePackStreamReader(_stream, leaveOpen: true);
        try
        {
            while (await reader.ReadAsync(_stop.Token) is { } message) Dispatch(message);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or MessagePackSerializationException or InvalidDataException) { }
        finally
        {
            foreach (var id in _pending.Keys)
                if (_pending.TryRemove(id, out var waiting)) waiting.TrySetResult(new RpcResult(null, "connection lost"));
        }
    }

    private void Dispatch(ReadOnlySequence<byte> message)
    {
        var r = new MessagePackReader(message);
        if (MsgPackValue.Read(ref r) is not object?[] { Length: >= 3 } parts) return;
        switch (parts[0])
        {
            case 1L when parts.Length == 4 && _pending.TryRemove((uint)MsgPackValue.AsLong(parts[1]), out var waiting):
                waiting.TrySetResult(new RpcResult(parts[3], ErrorText(parts[2])));
                break;
            case 2L when parts[1] is string method:
                _onNotification(method, parts[2] as object?[] ?? []);
                break;
        }
    }

    /// <summary>Neovim's errors are <c>[type, message]</c>.</summary>
    private static string? ErrorText(object? error) => error switch
    {
        null => null,
        object?[] { Length: 2 } pair => pair[1]?.ToString() ?? "error",
        var other => other.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        await _stream.DisposeAsync();
        await Completion;
        _stop.Dispose();
        _writing.Dispose();
    }
}
