using System.Collections.Concurrent;
using System.Net;

namespace WebDevSync.Server.Auth;

/// <summary>Open connections per IP address, so one address cannot take every socket.</summary>
internal sealed class ConnectionCounter(int limitPerAddress)
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    /// <summary>Counts a new connection, or refuses it when the address is at its limit.</summary>
    public bool TryOpen(IPAddress address)
    {
        while (true)
        {
            var n = _open.GetValueOrDefault(address);
            if (n >= limitPerAddress) return false;
            if (n == 0 ? _open.TryAdd(address, 1) : _open.TryUpdate(address, n + 1, n)) return true;
        }
    }

    public void Close(IPAddress address)
    {
        while (_open.TryGetValue(address, out var n))
            if (n <= 1 ? _open.TryRemove(KeyValuePair.Create(address, n)) : _open.TryUpdate(address, n - 1, n)) return;
    }
}
