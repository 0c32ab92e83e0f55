using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using WebDevSync.Server.Hosting;

namespace WebDevSync.Transport.Tests;

/// <summary>A real relay on 127.0.0.1 with ephemeral HTTP/1.1 and h2c ports, shared by a test class.</summary>
public class RelayFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri WebSocketUri => new($"{BaseUrl.Replace("http", "ws")}/web-dev-sync/ws");
    public string BaseUrl => ServerApp.BaseUrl(_app!);
    public string GrpcAddress => ServerApp.GrpcUrl(_app!)!.Replace("http://", "");

    /// <summary>The relay's settings; subclasses add theirs to the ephemeral ports.</summary>
    protected virtual ServerOptions Options => new() { Port = 0, GrpcPort = 0 };

    public async Task InitializeAsync()
    {
        _app = ServerApp.Build(Options, l => l.ClearProviders());
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
