using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Connection;

/// <summary>A connect the relay answered, but not with an open connection: what it answered.</summary>
public sealed class RelayRefusedException(RelayRefusal refusal, Exception? inner = null)
    : Exception($"refused by the server (HTTP {refusal.Status}): {refusal.Reason}", inner)
{
    public RelayRefusal Refusal { get; } = refusal;
}
