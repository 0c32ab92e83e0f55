using WebDevSync.Core.Protocol;

namespace WebDevSync.Agent.Live.Plugin;

/// <summary>
/// The editor's cursor across a page change: GhostText sends the whole text with a selection, so the
/// agent sends the editor's own last selection carried through the page's edit (before it stays,
/// after it shifts, inside it moves to the edit's end), the way Neovim's cursor is kept.
/// </summary>
public static class GhostTextCursor
{
    public static TextSelection Across(string before, string after, TextSelection selection)
    {
        var edit = TextEdit.Between(before, after);
        var start = Math.Clamp(edit.Map(Math.Clamp(selection.Start, 0, before.Length)), 0, after.Length);
        var end = Math.Clamp(edit.Map(Math.Clamp(selection.End, 0, before.Length)), start, after.Length);
        return new TextSelection(start, end);
    }
}
