namespace WebDevSync.Core.Routing;

/// <summary>A transport's handle for one live socket or stream, assigned by the transport.</summary>
public readonly record struct ConnId(long Value)
{
    public override string ToString() => $"c{Value}";
}
