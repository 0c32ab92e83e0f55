using LanguageExt;
using WebDevSync.Core.Protocol;
using WebDevSync.Json;
using static LanguageExt.Prelude;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Proto;

/// <summary>
/// The page context and the optional seqs of live editing in protobuf: an empty string or an absent
/// selection means "not sent", as an absent JSON field does; the rules are the JSON decoder's.
/// </summary>
internal static class ProtoPage
{
    public static PageContext? Of(V1.EditRequest e)
    {
        var page = new PageContext(e.Url.Length == 0 ? null : e.Url, e.Title.Length == 0 ? null : e.Title,
            e.Selection is { } s ? new TextSelection(s.Start, s.End) : null);
        return page.IsEmpty ? null : page;
    }

    /// <summary>The context, or none when the tab sent none; refused by the JSON decoder's rules.</summary>
    public static Either<DecodeError, Option<PageContext>> Checked(V1.EditRequest e, int codeLength, string sessionId) =>
        Of(e) is { } page
            ? PageContextRules.Problem(page, codeLength, "") is { } problem
                ? new DecodeError(ErrorCode.InvalidMessage, problem, sessionId)
                : Right<DecodeError, Option<PageContext>>(page)
            : Right<DecodeError, Option<PageContext>>(None);

    public static V1.EditRequest WithPage(this V1.EditRequest e, PageContext? page)
    {
        if (page is null) return e;
        e.Url = page.Url ?? "";
        e.Title = page.Title ?? "";
        if (page.Selection is { } s) e.Selection = new V1.Selection { Start = s.Start, End = s.End };
        return e;
    }

    public static V1.AnnouncedSession WithSeq(this V1.AnnouncedSession a, long? seq)
    {
        if (seq is { } n) a.Seq = n;
        return a;
    }
}
