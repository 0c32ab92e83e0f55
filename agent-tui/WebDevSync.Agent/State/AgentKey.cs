using System.Security.Cryptography;
using System.Text;

namespace WebDevSync.Agent.State;

/// <summary>
/// One agent per user and relay on a machine: this key names its state file, its lock and its temp
/// directory, so an agent started again finds what the last one left. The relay is the one the URL
/// names (<see cref="RelayIdentity"/>), not its spelling.
/// </summary>
public static class AgentKey
{
    public static string For(string userId, string serverUrl) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{RelayIdentity.Of(serverUrl)}")))[..16];
}
