using System.Security.Cryptography;
using System.Text;

namespace WebDevSync.Agent.Model;

/// <summary>What the state file keeps of a content: its SHA-256, never the code itself.</summary>
public static class ContentHash
{
    public static string Of(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
