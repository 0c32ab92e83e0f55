using System.Net.Sockets;

namespace WebDevSync.Agent.Live.Nvim;

/// <summary>
/// One Neovim buffer kept live both ways over msgpack-RPC. Neovim tells every change of the buffer
/// (<c>nvim_buf_attach</c> → <c>nvim_buf_lines_event</c>, no save needed); the agent keeps a copy of
/// the lines and reports the text, throttled. The page's changes go in as one <c>nvim_buf_set_lines</c>
/// over the lines that differ, guarded by the buffer's changedtick so a change computed against an
/// older buffer is never applied (https://neovim.io/doc/user/api.html#api-buffer-updates).
/// </summary>
public sealed class NvimLive : ILiveBuffer
{
    /// <summary>
    /// Replaces lines <c>first..last</c> only if the buffer is still the one the edit was computed for,
    /// as an undo step of its own, then puts each window's cursor where its text went (the character edit ran from sr,sc to er,ec
    /// and now ends at nr,nc), and keeps an unmodified buffer unmodified by writing it (when the text ends with a line break,
    /// as Neovim writes files; otherwise the buffer shows modified).
    /// </summary>
    private const string GuardedSetLines = """
        local buf, tick, first, last, lines, sr, sc, er, ec, nr, nc, final = ...
        local api = vim.api
        if api.nvim_buf_get_changedtick(buf) ~= tick then return false end
        local was_modified = api.nvim_buf_get_option(buf, 'modified')
        local cursors = {}
        for _, win in ipairs(api.nvim_list_wins()) do
          if api.nvim_win_get_buf(win) == buf then cursors[win] = api.nvim_win_get_cursor(win) end
        end
        -- Its own undo step: API changes would otherwise join the user's last one (:h undo-break).
        vim.cmd('let &undolevels = &undolevels')
        api.nvim_buf_set_lines(buf, first, last, true, lines)
        vim.cmd('let &undolevels = &undolevels')
        for win, pos in pairs(cursors) do
          local r, c = pos[1] - 1, pos[2]
          if r > sr or (r == sr and c > sc) then
            if r > er or (r == er and c >= ec) then
              if r == er then r, c = nr, nc + c - ec else r = nr + r - er end
            else
              r, c = nr, nc
            end
          end
          pcall(api.nvim_win_set_cursor, win, { r + 1, c })
        end
        if not was_modified and final then
          api.nvim_buf_call(buf, function() vim.cmd('silent noautocmd keepalt write') end)
        end
        return true
        """;

    private readonly NvimRpc _rpc;
    private readonly long _buffer;
    private readonly Lock _gate = new();
    private readonly Action<string> _onChange;
    private readonly ChangeThrottle _throttle;
    private readonly TaskCompletionSource _detached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _applying = new(1, 1);
    private List<string> _lines = [];
    private readonly AgreedText _agreed;
    private long _tick;
    private TaskCompletionSource _ticked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NvimLive(NvimRpc rpc, long buffer, string text, Action<string> onChange, TimeSpan throttle)
    {
        _rpc = rpc;
        _buffer = buffer;
        _agreed = new AgreedText(text);
        _onChange = onChange;
        _throttle = new ChangeThrottle(throttle, Report);
        Completion = Task.WhenAny(_detached.Task, rpc.Completion);
    }

    public Task Completion { get; }

    /// <summary>
    /// Connects to the Neovim listening on <paramref name="socketPath"/> (waiting for it to start),
    /// finds the buffer of <paramref name="filePath"/> and attaches. <paramref name="text"/> is what
    /// the file was written with: it fixes the line break and final newline of the reported text.
    /// </summary>
    public static async Task<NvimLive> AttachAsync(string socketPath, string filePath, string text, Action<string> onChange,
        TimeSpan throttle, TimeSpan wait, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + wait;
        NvimLive? live = null;
        var rpc = await Retry(async () => await NvimRpc.ConnectAsync(socketPath, (m, a) => live?.OnNotification(m, a), ct), deadline, ct);
        try
        {
            var buffer = await Retry(async () =>
            {
                var found = await rpc.CallAsync("nvim_call_function", "bufnr", new object?[] { filePath });
                return found.Ok && MsgPackValue.AsLong(found.Value) > 0 ? MsgPackValue.AsLong(found.Value) : throw new InvalidDataException(found.Error ?? "the file is not loaded yet");
            }, deadline, ct);
            live = new NvimLive(rpc, buffer, text, onChange, throttle);
            var attached = await rpc.CallAsync("nvim_buf_attach", buffer, true, new Dictionary<string, object?>());
            if (!attached.Ok || attached.Value is not true) throw new InvalidDataException($"nvim_buf_attach failed: {attached.Error}");
            return live;
        }
        catch
        {
            await rpc.DisposeAsync();
            throw;
        }
    }

    private static async Task<T> Retry<T>(Func<Task<T>> attempt, DateTime deadline, CancellationToken ct)
    {
        while (true)
        {
            try { return await attempt(); }
            catch (Exception e) when (e is SocketException or IOException or InvalidDataException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, ct);
            }
        }
    }

    private void OnNotification(string method, object?[] args)
    {
        switch (method)
        {
            case "nvim_buf_lines_event" when args is [var buf, var tick, long first, long last, object?[] lines, ..] && MsgPackValue.AsLong(buf) == _buffer:
                lock (_gate)
                {
                    var end = last < 0 ? _lines.Count : (int)Math.Min(last, _lines.Count);
                    var start = (int)Math.Min(first, end);
                    _lines.RemoveRange(start, end - start);
                    _lines.InsertRange(start, lines.Select(l => l as string ?? ""));
                    if (tick is long t) _tick = t;
                }
                Ticked();
                _throttle.Changed(TimeSpan.FromMilliseconds(Environment.TickCount64));
                break;
            case "nvim_buf_changedtick_event" when args is [var buf, long tick] && MsgPackValue.AsLong(buf) == _buffer:
                lock (_gate) _tick = tick;
                Ticked();
                break;
            case "nvim_buf_detach_event":
                _detached.TrySetResult();
                break;
        }
    }

    private void Ticked()
    {
        TaskCompletionSource previous;
        lock (_gate) (previous, _ticked) = (_ticked, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    private void Report()
    {
        string? text;
        lock (_gate) text = _agreed.Changed(_lines);
        if (text is not null) _onChange(text);
    }

    /// <summary>Puts the page's text into the buffer. Returns false when Neovim is gone or refused.</summary>
    public async Task<bool> ApplyAsync(string text)
    {
        await _applying.WaitAsync();
        try
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var (change, tick, waitForTick, final) = Prepare(text);
                if (change is null) return true;
                var result = await _rpc.CallAsync("nvim_exec_lua", GuardedSetLines, (object?[])[.. change.Arguments(_buffer, tick), final]);
                if (!result.Ok) return false;
                if (result.Value is true) return true;
                // The user changed the buffer meanwhile: wait for that change to arrive, then compute again.
                await Task.WhenAny(waitForTick, Task.Delay(100));
            }
            return false;
        }
        finally
        {
            _applying.Release();
        }
    }

    private (LineChange? Change, long Tick, Task Ticked, bool Final) Prepare(string text)
    {
        lock (_gate)
        {
            var target = _agreed.Expect(text);
            var change = LineChange.Between([.. _lines], target.Lines);
            return (change, _tick, _ticked.Task, target.FinalBreak);
        }
    }

    /// <summary>The notice in Neovim's message area (nvim_echo, kept in :messages), highlighted as a warning.</summary>
    public async Task<bool> NoticeAsync(string text) =>
        (await _rpc.CallAsync("nvim_echo", (object?[])[(object?[])[(object?[])["WebDevSync: " + text, "WarningMsg"]], true, new Dictionary<string, object?>()])).Ok;

    public async ValueTask DisposeAsync()
    {
        _throttle.Dispose();
        await _rpc.DisposeAsync();
        _applying.Dispose();
    }
}
