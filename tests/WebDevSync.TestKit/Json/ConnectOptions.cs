using System.Net.WebSockets;

namespace WebDevSync.TestKit.Json;

/// <summary>Where a client puts its token, as the real clients do (see docs/SECURITY.md).</summary>
public enum TokenVia { Subprotocol, AuthorizationHeader, Query }

/// <summary>How a test client opens its socket: token and its placement, an Origin header (browsers send one), and anything else.</summary>
public sealed record ConnectOptions(string? Token = null, TokenVia Via = TokenVia.Subprotocol, string? Origin = null)
{
    public static readonly ConnectOptions None = new();

    /// <summary>A subprotocol to offer (the subprotocol token way offers <c>webdevsync</c> itself).</summary>
    public string? SubProtocol { get; init; }

    /// <summary>Any other setting of the socket (headers, keep-alive), applied last.</summary>
    public Action<ClientWebSocketOptions>? Configure { get; init; }

    /// <summary>The socket's options and the URL (the query way puts the token there).</summary>
    internal Uri Apply(Uri url, ClientWebSocketOptions socket)
    {
        if (SubProtocol is not null) socket.AddSubProtocol(SubProtocol);
        if (Origin is not null) socket.SetRequestHeader("Origin", Origin);
        switch (Token is null ? (TokenVia?)null : Via)
        {
            case TokenVia.Subprotocol:
                if (SubProtocol != "webdevsync") socket.AddSubProtocol("webdevsync");
                socket.AddSubProtocol("bearer." + Token);
                break;
            case TokenVia.AuthorizationHeader:
                socket.SetRequestHeader("Authorization", "Bearer " + Token);
                break;
            case TokenVia.Query:
                url = new Uri(url + "?access_token=" + Uri.EscapeDataString(Token!));
                break;
        }
        Configure?.Invoke(socket);
        return url;
    }
}
