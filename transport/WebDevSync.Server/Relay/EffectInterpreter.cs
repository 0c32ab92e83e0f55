using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>Carries out the router's effects on the links, in one switch, on the routing thread.</summary>
internal sealed class EffectInterpreter(LinkRegistry links, RelayStats stats)
{
    public void Interpret(int partition, Effect effect)
    {
        switch (effect)
        {
            case Effect.Send send when links.Find(send.To) is { } reg:
                stats.OnSent(send.Message);
                reg.Link.Deliver(send.Message);
                break;
            case Effect.Close close when links.Find(close.Conn) is { } reg:
                reg.Link.Close(LinkClose.From(close.Reason));
                break;
            default:
                break; // Accepted is carried out by Accept; or the connection is already gone
        }
    }

    /// <summary>Pins an accepted link to <paramref name="partition"/>; returns the partition it leaves, or -1.</summary>
    public int Accept(ConnId conn, int partition)
    {
        if (links.Find(conn) is not { } reg) return -1;
        reg.Placement = reg.Placement.Accept(partition, out var leaves);
        return leaves;
    }
}
