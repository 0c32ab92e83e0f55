using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebDevSync.Agent.Connection;
using WebDevSync.Agent.Peers;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Agent.GhostText;

/// <summary>Where the bridge listens and which relay and user its fields go to.</summary>
public sealed record GhostTextOptions(int Port, string RelayUrl, string UserId, string? Token);

/// <summary>
/// <c>webdevsync-agent ghosttext</c>: GhostText's server side on 127.0.0.1 (and ::1), so the GhostText
/// extension can edit any page's field. <c>GET /</c> answers <c>{"ProtocolVersion":1,"WebSocketPort":N}</c>
/// (the same port); each WebSocket is one field, which becomes a tab session on the relay, routed to
/// the user's agent wherever it runs, live both ways (<see cref="GhostTextFlow"/>).
/// </summary>
public sealed partial class GhostTextBridge(GhostTextOptions options, ILogger log)
{
    /// <summary>A GhostText frame beyond this is refused (the relay's own limit is lower still).</summary>
    public const int MaxFrameBytes = 16 * 1024 * 1024;

    private int _port;

    /// <summary>Starts listening; the returned app runs until stopped. <see cref="Port"/> is known once this returns.</summary>
    public async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            if (options.Port != 0 && Socket.OSSupportsIPv6) k.Listen(IPAddress.IPv6Loopback, options.Port);
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _port = new Uri(address).Port;
        return app;
    }

    public int Port => _port;

    private async Task HandleAsync(HttpContext ctx)
    {
        // Before anything the request says: a local process can send any Host and Origin it likes.
        var c = ctx.Connection;
        if (LocalPeer.Of(c.RemoteIpAddress, c.RemotePort, c.LocalIpAddress, c.LocalPort) is { Allowed: false } stranger)
        {
            LogStranger(log, stranger.Describe(), $"{c.RemoteIpAddress}:{c.RemotePort}");
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            await ctx.Response.WriteAsync("only the user who runs the bridge may use it\n");
            return;
        }
        var origin = ctx.Request.Headers.Origin.Count > 0 ? ctx.Request.Headers.Origin.ToString() : null;
        if (RequestGuard.Problem(ctx.Request.Headers.Host.ToString(), origin, _port) is { } problem)
        {
            LogRefused(log, problem);
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            await ctx.Response.WriteAsync(problem + "\n");
            return;
        }
        if (ctx.WebSockets.IsWebSocketRequest)
        {
            using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
            await FieldAsync(socket, ctx.RequestAborted);
            return;
        }
        if (!HttpMethods.IsGet(ctx.Request.Method))
        {
            ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.WriteAsync(GhostTextMessages.Hello(_port));
    }

    /// <summary>One GhostText field: its own connection to the relay as a tab, one loop over both sides' inputs.</summary>
    private async Task FieldAsync(WebSocket page, CancellationToken aborted)
    {
        var sessionId = $"gt-{Guid.NewGuid()}";
        var connectionId = $"ghosttext-{Guid.NewGuid()}";
        await using var relay = RelayConnections.For(options.RelayUrl, options.Token)();
        try
        {
            await relay.ConnectAsync(aborted);
            await relay.SendAsync(new ClientMessage.BrowserConnect(connectionId, options.UserId, []), aborted);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or HttpRequestException)
        {
            LogRelayDown(log, e.Message);
            await CloseAsync(page, "the relay cannot be reached");
            return;
        }
        var inputs = Channel.CreateBounded<GhostTextInput>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var fromPage = ReadPageAsync(page, inputs.Writer, stop.Token);
        var fromRelay = relay.ReceiveAsync(m => m.Match(msg => inputs.Writer.TryWrite(new GhostTextInput.FromRelay(msg)), _ => true), stop.Token)
            .ContinueWith(_ => inputs.Writer.TryWrite(new GhostTextInput.FromRelay(new ServerMessage.SessionClosed(sessionId, null, "relay_lost"))), TaskScheduler.Default);
        var state = GhostTextState.New(sessionId, connectionId, options.UserId);
        LogOpened(log, sessionId);
        try
        {
            await foreach (var input in inputs.Reader.ReadAllAsync(stop.Token))
            {
                // Typing faster than the relay answers: only the newest page text matters.
                if (input is GhostTextInput.FromPage && inputs.Reader.TryPeek(out var next) && next is GhostTextInput.FromPage) continue;
                (state, var effects) = GhostTextFlow.Step(state, input);
                foreach (var effect in effects) await RunAsync(effect, page, relay, stop.Token);
                if (state.Closed) break;
            }
        }
        catch (OperationCanceledException) { }
        await stop.CancelAsync();
        await relay.CloseAsync(CancellationToken.None);
        await Task.WhenAll(fromPage, fromRelay).ContinueWith(_ => { }, TaskScheduler.Default);
        LogClosed(log, sessionId);
    }

    private static async Task RunAsync(GhostTextEffect effect, WebSocket page, IRelayConnection relay, CancellationToken ct)
    {
        try
        {
            switch (effect)
            {
                case GhostTextEffect.ToRelay r: await relay.SendAsync(r.Message, ct); break;
                case GhostTextEffect.ToPage p: await page.SendAsync(GhostTextMessages.Encode(p.Text, p.Cursor), WebSocketMessageType.Text, true, ct); break;
                case GhostTextEffect.ClosePage c: await CloseAsync(page, c.Reason); break;
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    private static async Task ReadPageAsync(WebSocket page, ChannelWriter<GhostTextInput> inputs, CancellationToken ct)
    {
        var frame = new System.Buffers.ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                var r = await page.ReceiveAsync(frame.GetMemory(8192), ct);
                if (r.MessageType == WebSocketMessageType.Close) break;
                frame.Advance(r.Count);
                if (frame.WrittenCount > MaxFrameBytes) { await CloseAsync(page, "frame too large"); break; }
                if (!r.EndOfMessage) continue;
                var parsed = GhostTextMessages.Parse(frame.WrittenSpan);
                frame.ResetWrittenCount();
                if (parsed.IsLeft) { await CloseAsync(page, "not a GhostText message"); break; }
                await inputs.WriteAsync(new GhostTextInput.FromPage(parsed.IfLeft(() => null!)), ct);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        inputs.TryWrite(new GhostTextInput.PageGone());
    }

    private static async Task CloseAsync(WebSocket page, string reason)
    {
        try
        {
            if (page.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await page.CloseAsync(WebSocketCloseStatus.NormalClosure, reason.Length > 120 ? reason[..120] : reason, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ghosttext_refused {Problem}")]
    private static partial void LogRefused(ILogger log, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ghosttext_refused_peer {Peer} connected from {Address}: only this user may use the bridge")]
    private static partial void LogStranger(ILogger log, string peer, string address);

    [LoggerMessage(Level = LogLevel.Error, Message = "ghosttext_relay_down {Reason}")]
    private static partial void LogRelayDown(ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "ghosttext_open {SessionId}")]
    private static partial void LogOpened(ILogger log, string sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ghosttext_closed {SessionId}")]
    private static partial void LogClosed(ILogger log, string sessionId);
}
