using System.Net.Sockets;

namespace WebDevSync.Agent.Live.Plugin;

/// <summary>A GhostText plugin that cannot be reached or does not speak GhostText; the message says which port and why.</summary>
public sealed class GhostTextUnavailable(string message) : Exception(message);

/// <summary>
/// Step one of GhostText: <c>GET http://localhost:PORT/</c>, answered by the plugin with the port of
/// its WebSocket. The answer is hostile input: small (a few bytes are enough), bounded in time, no
/// redirects, no proxy (a proxy would send the request off the machine).
/// </summary>
public static class GhostTextDiscovery
{
    public const int MaxAnswerBytes = 16 * 1024;

    public static async Task<int> WebSocketPortAsync(int port, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = timeout, UseCookies = false })
        {
            Timeout = timeout,
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };
        try
        {
            using var answer = await http.GetAsync(new Uri($"http://localhost:{port}/"), ct);
            if (!answer.IsSuccessStatusCode) throw new GhostTextUnavailable($"the GhostText plugin on localhost:{port} answered {(int)answer.StatusCode} to GET /");
            var body = await answer.Content.ReadAsByteArrayAsync(ct);
            return GhostTextWire.WebSocketPort(body).Match(
                Right: p => p,
                Left: problem => throw new GhostTextUnavailable($"what answers on localhost:{port} is not a GhostText plugin: {problem}"));
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException or null || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new GhostTextUnavailable($"no GhostText plugin answers on localhost:{port} ({e.InnerException?.Message ?? e.Message}); start the editor's GhostText server");
        }
        catch (HttpRequestException e)
        {
            throw new GhostTextUnavailable($"what answers on localhost:{port} is not a GhostText plugin ({e.Message})");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new GhostTextUnavailable($"the GhostText plugin on localhost:{port} did not answer GET / within {timeout.TotalSeconds:0} s");
        }
    }
}
