namespace WebDevSync.Core.Protocol;

/// <summary>What a connection is, fixed by its connect message.</summary>
public enum Role
{
    /// <summary>A page's WebDevSync instance (one per tab).</summary>
    Browser,
    /// <summary>An agent that opens editors: the seed's "desktop client", and <c>desktop</c> on the wire only.</summary>
    Agent,
}
