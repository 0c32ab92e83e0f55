using System.Collections.Immutable;
using LanguageExt;
using WebDevSync.Core.Protocol;
using static LanguageExt.Prelude;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Proto;

/// <summary>
/// The sessions a connect lists (a tab's cursors, an agent's announced sessions), checked with the JSON
/// decoder's rules: at most <see cref="Limits.MaxListedSessions"/> items, each id and name within its
/// limit, no negative seq. A protobuf repeated field has no bound of its own but the message size.
/// </summary>
internal static class ProtoSessionLists
{
    public static Either<DecodeError, ImmutableArray<SessionCursor>> Cursors(IReadOnlyList<V1.SessionCursor> list, string field) =>
        Each(list, field, c =>
            from session in ProtoFields.Required(c.SessionId, $"{field}[].session_id", Limits.MaxIdLength)
            from seq in c.Seq < 0
                ? Left<DecodeError, long>(new DecodeError(ErrorCode.InvalidMessage, $"{field}[].seq must be a non-negative integer"))
                : Right<DecodeError, long>(c.Seq)
            select new SessionCursor(session, seq));

    public static Either<DecodeError, ImmutableArray<AnnouncedSession>> Announced(IReadOnlyList<V1.AnnouncedSession> list, string field) =>
        Each(list, field, a =>
            from session in ProtoFields.Required(a.SessionId, $"{field}[].session_id", Limits.MaxIdLength)
            from textarea in ProtoFields.Required(a.TextareaId, $"{field}[].textarea_id", Limits.MaxTextareaIdLength)
            from fileType in ProtoFields.Optional(a.FileType, $"{field}[].file_type", Limits.MaxFileTypeLength)
            from browser in ProtoFields.Required(a.BrowserConnectionId, $"{field}[].browser_connection_id", Limits.MaxIdLength)
            from seq in ProtoFields.OptionalSeq(a.HasSeq, a.Seq, $"{field}[].seq", session)
            select new AnnouncedSession(session, textarea, ProtoFields.OrTxt(fileType.IfNone("")), browser, ProtoFields.Nullable(seq)));

    private static Either<DecodeError, ImmutableArray<T>> Each<TProto, T>(IReadOnlyList<TProto> list, string field, Func<TProto, Either<DecodeError, T>> item)
    {
        if (list.Count > Limits.MaxListedSessions)
            return new DecodeError(ErrorCode.InvalidMessage, $"{field} has more than {Limits.MaxListedSessions} items");
        var items = ImmutableArray.CreateBuilder<T>(list.Count);
        foreach (var p in list)
        {
            var checkedItem = item(p);
            if (checkedItem.IsLeft) return checkedItem.Map(_ => ImmutableArray<T>.Empty);
            items.Add(checkedItem.IfLeft(default(T)!));
        }
        return items.MoveToImmutable();
    }
}
