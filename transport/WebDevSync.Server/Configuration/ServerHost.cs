using System.Net;

namespace WebDevSync.Server.Configuration;

/// <summary>What the <c>host</c> key means to Kestrel.</summary>
public static class ServerHost
{
    public static IPAddress? ListenAddress(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" => IPAddress.Any,
        _ => IPAddress.TryParse(host, out var ip) ? ip : null,
    };

    public static bool IsLoopback(string host) => ListenAddress(host) is { } ip && IPAddress.IsLoopback(ip);
}
