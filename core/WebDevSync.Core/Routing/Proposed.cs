using System.Collections.Immutable;
using WebDevSync.Core.Editing;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>
/// A change as a client sent it: its whole text (<c>code_update</c>) or edits of the text it builds on
/// with the result's checksum (issue 28). <see cref="On"/> makes either into the text it proposes.
/// </summary>
internal sealed record Proposed(long? BaseSeq, string? Code, ImmutableArray<TextEdit> Edits, TextSum Sum)
{
    public static Proposed Whole(ClientMessage.CodeUpdate u) => new(u.BaseSeq, u.Code, default, default);

    public static Proposed ByEdits(ClientMessage.CodeEdits e) => new(e.BaseSeq, null, e.Edits, e.Sum);

    public bool IsEdits => Code is null;

    /// <summary>
    /// The text this change makes of <paramref name="base"/>, the one the sender builds on; null when it
    /// was sent as edits that do not apply to it or give another checksum: the sender's text drifted.
    /// </summary>
    public HeldText? On(HeldText? @base)
    {
        if (Code is not null) return HeldText.Of(Code);
        if (@base is not { HasText: true } held || held.Chunks?.Apply(Edits) is not { } applied || applied.Sum != Sum) return null;
        return HeldText.Of(applied);
    }
}
