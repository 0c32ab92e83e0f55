using System.Net;
using WebDevSync.TestKit.Json;

namespace WebDevSync.TestKit.Raw;

/// <summary>WebSocket upgrades the relay is expected to refuse, and what it answers with.</summary>
public static class Handshake
{
    /// <summary>The HTTP status of a refused <see cref="JsonWsClient"/> handshake; an accepted one is a failure.</summary>
    public static async Task<HttpStatusCode> RefusedStatusAsync(Uri url, ConnectOptions? options = null)
    {
        var (client, status) = await JsonWsClient.TryConnectAsync(url, options);
        if (client is null) return status;
        await client.DisposeAsync();
        throw new InvalidOperationException($"the handshake at {url} was accepted (HTTP {(int)status}), a refusal was expected");
    }

    /// <summary>
    /// An upgrade request sent with HttpClient, so a test can read what the server says when it refuses
    /// (status and body), which ClientWebSocket does not expose.
    /// </summary>
    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(Uri wsUrl, IReadOnlyDictionary<string, string>? headers = null, string query = "")
    {
        using var http = new HttpClient { Timeout = Timeouts.Wait };
        var url = new UriBuilder(wsUrl) { Scheme = "http", Query = query }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11 };
        request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
        request.Headers.TryAddWithoutValidation("Upgrade", "websocket");
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Version", "13");
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(k, v);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = response.StatusCode == HttpStatusCode.SwitchingProtocols ? "" : await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body);
    }

    public static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = "Bearer " + token };

    public static Dictionary<string, string> Subprotocol(string token) => new() { ["Sec-WebSocket-Protocol"] = "webdevsync, bearer." + token };
}
