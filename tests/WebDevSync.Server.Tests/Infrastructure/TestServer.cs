using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using WebDevSync.Server.Hosting;

namespace WebDevSync.Server.Tests.Infrastructure;

/// <summary>
/// The real relay (Kestrel, WebSockets, router) started in-process on 127.0.0.1 with an ephemeral port.
/// Each test starts its own, so counters and state belong to that test alone.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private TestServer(WebApplication app, ServerOptions options)
    {
        _app = app;
        Options = options;
        BaseUrl = new Uri(ServerApp.BaseUrl(app).TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = Timeouts.Wait };
    }

    public ServerOptions Options { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c></summary>
    public Uri BaseUrl { get; }

    public Uri WebSocketUrl => new($"ws://{BaseUrl.Authority}{Options.WebsocketEndpoint}");

    public HttpClient Http { get; }

    /// <summary>Options as a test would write them; port 0 and loopback are forced.</summary>
    public static async Task<TestServer> StartAsync(Func<ServerOptions, ServerOptions>? configure = null)
    {
        var options = (configure ?? (o => o))(new ServerOptions()) with { Host = "127.0.0.1", Port = 0 };
        var app = ServerApp.Build(options, logging => logging.ClearProviders());
        await app.StartAsync();
        return new TestServer(app, options);
    }

    /// <summary>A client socket connected to the relay's WebSocket endpoint.</summary>
    public Task<JsonWsClient> ConnectAsync() => JsonWsClient.ConnectAsync(WebSocketUrl);

    /// <summary>A browser that sent <c>browser_connect</c> and read its ack and desktop status.</summary>
    public Task<JsonWsClient> BrowserAsync(string userId, string connectionId, bool expectDesktop) =>
        Connected.BrowserAsync(WebSocketUrl, connectionId, userId, expectDesktop: expectDesktop);

    /// <summary>An agent that sent <c>desktop_connect</c> and read its ack.</summary>
    public Task<JsonWsClient> AgentAsync(string userId, string connectionId) => Connected.AgentAsync(WebSocketUrl, connectionId, userId);

    public async Task<JsonElement> StatusAsync() =>
        await Http.GetFromJsonAsync<JsonElement>("web-dev-sync/status");

    /// <summary>
    /// Waits (against a hang only) until the status satisfies <paramref name="condition"/>; used where
    /// the server learns of a closed socket asynchronously.
    /// </summary>
    public async Task<JsonElement> WaitForStatusAsync(Func<JsonElement, bool> condition)
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        while (true)
        {
            var status = await StatusAsync();
            if (condition(status)) return status;
            try
            {
                await Task.Delay(20, guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"status never matched; last: {status}");
            }
        }
    }

    public Task<JsonElement> WaitForCountsAsync(int? browsers = null, int? desktops = null) =>
        WaitForStatusAsync(s =>
            (browsers is null || s.GetProperty("connections").GetProperty("browser").GetInt32() == browsers) &&
            (desktops is null || s.GetProperty("connections").GetProperty("desktop").GetInt32() == desktops));

    /// <summary>Stops the server (closing every socket with 1001) without disposing it yet.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
    }
}
