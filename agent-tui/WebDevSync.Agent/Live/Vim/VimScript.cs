namespace WebDevSync.Agent.Live.Vim;

/// <summary>
/// The small Vim script that makes one buffer live (passed as <c>vim -S script</c>; the user's vimrc
/// is read as always and nothing is written to it). Vim 9's own means: a JSON channel to the agent's
/// Unix socket (<c>:h channel</c>), <c>listener_add()</c> to hear every change and a timer to fold a
/// burst of them into one report. Page changes arrive as <c>[0, {"set": lines, "final": bool}]</c> and
/// are applied as one replacement of the lines that differ, and acknowledged with <c>["applied"]</c>
/// (after any report of earlier typing, so the agent knows which reports came before). A Vim without these features skips it
/// all and the session stays save-based. When the agent is killed the channel closes and the script
/// connects again once a new agent listens on the same socket (an agent started again resumes the session).
/// </summary>
public static class VimScript
{
    public static string Text(string socketPath, string filePath, int throttleMs) => $$"""
        " WebDevSync live editing for one file, written by the agent; it changes nothing else.
        if !has('channel') || !has('timers') || !exists('*listener_add')
          finish
        endif
        let s:buf = bufnr({{Quote(filePath)}})
        if s:buf < 1
          let s:buf = bufnr('%')
        endif
        let s:last = getbufline(s:buf, 1, '$')
        let s:timer = -1

        function! s:Send(timer) abort
          let s:timer = -1
          let lines = getbufline(s:buf, 1, '$')
          if lines ==# s:last || ch_status(s:ch) !=# 'open'
            return
          endif
          let s:last = lines
          call ch_sendexpr(s:ch, ['text', lines])
        endfunction

        function! s:Changed(bufnr, start, end, added, changes) abort
          if s:timer == -1
            let s:timer = timer_start({{throttleMs}}, function('s:Send'))
          endif
        endfunction

        " The page's text: replace only the lines that differ, as an undo step of its own.
        function! s:Apply(lines, final) abort
          call listener_flush(s:buf)
          let old = getbufline(s:buf, 1, '$')
          let n = min([len(old), len(a:lines)])
          let p = 0
          while p < n && old[p] ==# a:lines[p]
            let p += 1
          endwhile
          let q = 0
          while q < n - p && old[-1 - q] ==# a:lines[-1 - q]
            let q += 1
          endwhile
          let was_modified = getbufvar(s:buf, '&modified')
          let &undolevels = &undolevels
          let gone = len(old) - p - q
          let new = a:lines[p : len(a:lines) - q - 1]
          let same = min([gone, len(new)])
          if same > 0
            call setbufline(s:buf, p + 1, new[0 : same - 1])
          endif
          if gone > same
            call deletebufline(s:buf, p + same + 1, p + gone)
          elseif len(new) > same
            call appendbufline(s:buf, p + same, new[same :])
          endif
          let &undolevels = &undolevels
          let s:last = a:lines
          call listener_flush(s:buf)
          call ch_sendexpr(s:ch, ['applied'])
          if !was_modified && a:final && s:buf == bufnr('%')
            silent noautocmd keepalt write
          endif
          redraw
        endfunction

        function! s:Received(channel, msg) abort
          if type(a:msg) == v:t_dict && has_key(a:msg, 'set')
            call s:Apply(a:msg.set, get(a:msg, 'final', v:true))
          elseif type(a:msg) == v:t_dict && has_key(a:msg, 'notice') && type(a:msg.notice) == v:t_string
            redraw
            echohl WarningMsg
            echomsg 'WebDevSync: ' .. a:msg.notice
            echohl None
          endif
        endfunction

        " Connects and says hello with the buffer as it is now (an agent that links again learns what was typed meanwhile).
        function! s:Open() abort
          " silent!: a socket nobody listens on yet is no error to show the user (ch_status says 'fail').
          silent! let s:ch = ch_open({{Quote("unix:" + socketPath)}}, {'mode': 'json', 'callback': function('s:Received'), 'close_cb': function('s:Closed')})
          if ch_status(s:ch) !=# 'open'
            return 0
          endif
          let s:last = getbufline(s:buf, 1, '$')
          call ch_sendexpr(s:ch, ['hello', s:last])
          return 1
        endfunction

        " The agent went away. One that was killed leaves its socket file, and the next agent listens
        " there again: try once a second while the file is there. One that let go on purpose removed it.
        function! s:Closed(channel) abort
          call timer_start(1000, function('s:Again'))
        endfunction

        function! s:Again(timer) abort
          if getftype({{Quote(socketPath)}}) !=# 'socket' || bufnr({{Quote(filePath)}}) < 1
            return
          endif
          if !s:Open()
            call timer_start(1000, function('s:Again'))
          endif
        endfunction

        if !s:Open()
          finish
        endif
        call listener_add(function('s:Changed'), s:buf)

        """;

    /// <summary>A Vim single-quoted string: only <c>'</c> needs escaping (doubled).</summary>
    public static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
}
