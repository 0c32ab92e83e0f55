using System.Text;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>Short, wire-like one-liners for inputs and effects, so a failing trace reads like a log.</summary>
public static class Describe
{
    public static string Inbound(Input input) => input switch
    {
        Input.Message m => $"{m.Conn}{(m.AuthUser is null ? "" : $" (token:{m.AuthUser})")} -> {Body(m.Body)}",
        Input.Invalid i => $"{i.Conn} -> undecodable ({i.Code.Wire()})",
        Input.Disconnected d => $"{d.Conn} disconnected",
        Input.Tick => "tick",
        _ => input.ToString(),
    };

    public static string Body(ClientMessage body) => body switch
    {
        BrowserConnect b => $"browser_connect {b.UserId} id={b.ConnectionId} resume=[{string.Join(",", b.Resume.Select(c => $"{c.SessionId}@{c.Seq}"))}]",
        DesktopConnect d => $"desktop_connect {d.UserId} id={d.ConnectionId} sessions=[{string.Join(",", d.Sessions.Select(a => $"{a.SessionId}->{a.BrowserConnectionId}{(a.Seq is { } n ? $"@{n}" : "")}"))}]",
        EditRequest e => $"edit_request {e.SessionId} ta={e.TextareaId} code={Short(e.Code)}{Claimed(e.Claims)}",
        CodeUpdate u => $"code_update {u.SessionId} code={Short(u.Code)}{(u.BaseSeq is { } b ? $" baseSeq={b}" : "")}{Claimed(u.Claims)}",
        SessionClosed c => $"session_closed {c.SessionId}{Claimed(c.Claims)}",
        Ping => "ping",
        _ => body.ToString(),
    };

    public static string Outbound(Effect effect) => effect switch
    {
        Effect.Send s => $"{s.To} <- {Server(s.Message)}",
        Effect.Close c => $"{c.Conn} closed ({c.Reason})",
        _ => effect.ToString(),
    };

    public static string Server(ServerMessage message) => message switch
    {
        ServerMessage.ConnectionAck a => $"connection_ack {a.UserId} id={a.ConnectionId} {a.Role}",
        ServerMessage.DesktopStatus d => $"desktop_status connected={d.Connected}",
        ServerMessage.EditRequest e => $"edit_request {e.SessionId} ta={e.TextareaId} code={Short(e.Code)} browser={e.BrowserConnectionId} seq={e.Seq}",
        ServerMessage.CodeUpdate u => $"code_update {u.SessionId} ta={u.TextareaId} code={Short(u.Code)} seq={u.Seq}",
        ServerMessage.CodeAck a => $"code_ack {a.SessionId} ta={a.TextareaId} seq={a.Seq}",
        ServerMessage.CodeOvertaken o => $"code_overtaken {o.SessionId} ta={o.TextareaId} code={Short(o.Code)} seq={o.Seq}",
        ServerMessage.SessionClosed c => $"session_closed {c.SessionId} ta={c.TextareaId} reason={c.Reason}",
        ServerMessage.Error e => $"error {e.Code.Wire()}{(e.SessionId is null ? "" : $" session={e.SessionId}")} ({e.Message})",
        ServerMessage.Pong => "pong",
        _ => message.ToString(),
    };

    /// <summary>The trace up to and including frame <paramref name="upTo"/>, one input and its effects per block.</summary>
    public static string Story(Trace trace, int upTo)
    {
        var text = new StringBuilder();
        foreach (var f in trace.Frames.Take(upTo + 1))
        {
            foreach (var r in f.RestartsBefore) text.Append($"\n  t=+{Scenario.Clock(r.NowMs - Scenario.StartMs)} {r}");
            text.Append($"\n  [{f.Label}] t=+{Scenario.Clock(f.Input.NowMs - Scenario.StartMs)} {Inbound(f.Input)}");
            foreach (var e in f.Effects) text.Append($"\n        {Outbound(e)}");
        }
        return text.ToString();
    }

    static string Claimed(Claims c) => c == Claims.None ? "" : $" claims(id={c.ConnectionId ?? "-"},user={c.UserId ?? "-"})";

    static string Short(string? code) => code is null ? "null" : code.Length <= 24 ? $"\"{code}\"" : $"\"{code[..20]}…\"({code.Length} chars)";
}

/// <summary>A property violated at one frame of a trace; the message is the story up to that frame.</summary>
public sealed class PropertyViolation(Trace trace, int frame, string what)
    : Exception($"{what}\nat step [{trace.Frames[frame].Label}] of the trace:{Describe.Story(trace, frame)}");
