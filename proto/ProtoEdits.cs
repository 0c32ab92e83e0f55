using System.Collections.Immutable;
using LanguageExt;
using WebDevSync.Core.Editing;
using WebDevSync.Core.Protocol;
using Wds = WebDevSync.Core.Protocol;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Proto;

/// <summary>A change as edits in protobuf (<c>CodeUpdate</c> with <c>length</c> set), checked by the same rules as the JSON form.</summary>
internal static class ProtoEdits
{
    public static Either<DecodeError, Wds.ClientMessage> ClientOf(V1.CodeUpdate u, Claims claims) =>
        from session in ProtoFields.Required(u.SessionId, "session_id", Limits.MaxIdLength)
        from textarea in ProtoFields.Optional(u.TextareaId, "textarea_id", Limits.MaxTextareaIdLength, session)
        from edits in Checked(u, session)
        select (Wds.ClientMessage)new Wds.ClientMessage.CodeEdits(claims, session, textarea.OrNull(), u.BaseSeq, edits, new TextSum(u.Length, u.Hash));

    private static Either<DecodeError, ImmutableArray<TextEdit>> Checked(V1.CodeUpdate u, string session)
    {
        if (!u.HasBaseSeq || u.BaseSeq < 0) return Invalid("code_update.base_seq is required with edits and must not be negative", session);
        if (u.Code.Length > 0) return Invalid("code_update.code and code_update.edits are exclusive", session);
        if (u.Edits.Count > Limits.MaxEditsPerChange) return Invalid($"code_update.edits has more than {Limits.MaxEditsPerChange} edits", session);
        var edits = Edits(u);
        if (EditScript.Problem(edits, "code_update.edits") is { } problem) return Invalid(problem, session);
        if (u.Length < 0) return Invalid("code_update.length must not be negative", session);
        return edits;
    }

    public static Wds.ServerMessage ServerOf(V1.CodeUpdate u) =>
        new Wds.ServerMessage.CodeEdits(u.SessionId, u.TextareaId, u.BaseSeq, Edits(u), new TextSum(u.Length, u.Hash), u.Seq);

    public static V1.CodeUpdate ToProto(Wds.ClientMessage.CodeEdits e) =>
        With(new V1.CodeUpdate { SessionId = e.SessionId, TextareaId = e.TextareaId ?? "", BaseSeq = e.BaseSeq }, e.Edits, e.Sum);

    public static V1.CodeUpdate ToProto(Wds.ServerMessage.CodeEdits e) =>
        With(new V1.CodeUpdate { SessionId = e.SessionId, TextareaId = e.TextareaId, BaseSeq = e.BaseSeq, Seq = e.Seq }, e.Edits, e.Sum);

    private static V1.CodeUpdate With(V1.CodeUpdate u, ImmutableArray<TextEdit> edits, TextSum sum)
    {
        u.Edits.AddRange(edits.Select(x => new V1.TextEdit { Start = x.Start, End = x.End, Text = x.Text }));
        u.Length = sum.Length;
        u.Hash = sum.Hash;
        return u;
    }

    private static ImmutableArray<TextEdit> Edits(V1.CodeUpdate u) => [.. u.Edits.Select(x => new TextEdit(x.Start, x.End, x.Text))];

    private static DecodeError Invalid(string message, string session) => new(ErrorCode.InvalidMessage, message, session);
}
