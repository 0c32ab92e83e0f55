using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebDevSync.Agent.Tests.Live.Plugin;

/// <summary>
/// An editor's GhostText plugin in the test process (Kestrel on 127.0.0.1, a free port): answers
/// <c>GET /</c> (or what the test says instead), takes one WebSocket, records the Origin and every
/// message, and sends what the test tells it to, also frames no plugin should send.
/// </summary>
public sealed class FakeGhostTextPlugin : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<WebSocket> _socket = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeGhostTextPlugin(WebApplication app, string? answer)
    {
        _app = app;
        Answer = answer;
    }

    public int Port { get; private set; }

    /// <summary>The answer to <c>GET /</c>; null for GhostText's own.</summary>
    public string? Answer { get; }

    public string? Origin { get; private set; }

    public Channel<string> Received { get; } = Channel.CreateUnbounded<string>();

    /// <summary>Set when the client closed the WebSocket.</summary>
    public TaskCompletionSource ClientClosed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeGhostTextPlugin> StartAsync(string? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var plugin = new FakeGhostTextPlugin(app, answer);
        app.UseWebSockets();
        app.Run(plugin.HandleAsync);
        await app.StartAsync();
        plugin.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return plugin;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(Answer ?? $$"""{"ProtocolVersion":1,"WebSocketPort":{{Port}}}""");
            return;
        }
        Origin = ctx.Request.Headers.Origin.ToString();
        using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
        _socket.TrySetResult(socket);
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var r = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    ClientClosed.TrySetResult();
                    break;
                }
                var text = Encoding.UTF8.GetString(buffer, 0, r.Count);
                while (!r.EndOfMessage)
                {
                    r = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    text += Encoding.UTF8.GetString(buffer, 0, r.Count);
                }
                await Received.Writer.WriteAsync(text);
            }
        }
        catch (WebSocketException)
        {
            ClientClosed.TrySetResult();
        }
        await _done.Task;
    }

    public async Task SendAsync(string text, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        var socket = await _socket.Task.WaitAsync(Timeouts.Wait);
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), type, true, CancellationToken.None);
    }

    /// <summary>The editor closes the field (atomic-chrome's C-c C-c).</summary>
    public async Task CloseAsync()
    {
        var socket = await _socket.Task.WaitAsync(Timeouts.Wait);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    public async Task<string> NextAsync() => await Received.Reader.ReadAsync().AsTask().WaitAsync(Timeouts.Wait);

    public async ValueTask DisposeAsync()
    {
        _done.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
