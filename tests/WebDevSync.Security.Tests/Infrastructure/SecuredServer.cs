namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>
/// One relay process with authentication on (SESSION_SECRET set) and one configured page origin,
/// shared by the tests of a class. Tests use their own user ids, so they do not see each other.
/// </summary>
public sealed class SecuredServer : IAsyncLifetime
{
    public const string AppOrigin = "http://app.example";

    private RelayProcess? _server;

    public RelayProcess Server => _server ?? throw new InvalidOperationException("not started");

    public Uri WsUrl => Server.WsUrl;

    public async Task InitializeAsync() =>
        _server = await Relays.StartAsync(Secrets.Secret, ["--cors-origins", AppOrigin]);

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>A fresh user id, so tests sharing this server never meet.</summary>
    public static string NewUser(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
}
