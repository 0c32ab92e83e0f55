using System.Collections.Immutable;
using Terminal.Gui.Views;

namespace WebDevSync.Agent.Views;

/// <summary>The sessions as a <see cref="TableView"/> reads them: one row per session, the Editor column only when there is room.</summary>
internal sealed class SessionTable(ImmutableArray<SessionRow> rows, bool wide) : ITableSource
{
    private static readonly string[] Wide = ["Textarea", "Page", "File", "Editor", "State", "Last sync", "Size", "Saves"];
    private static readonly string[] Narrow = ["Textarea", "Page", "File", "State", "Last sync", "Size", "Saves"];

    public ImmutableArray<SessionRow> Rows => rows;

    public string[] ColumnNames => wide ? Wide : Narrow;

    public int Columns => ColumnNames.Length;

    int ITableSource.Rows => rows.Length;

    public object this[int row, int col]
    {
        get
        {
            var r = rows[row];
            return ColumnNames[col] switch
            {
                "Textarea" => r.TextareaId,
                "Page" => r.Page,
                "File" => r.File,
                "Editor" => r.Editor,
                "State" => r.State,
                "Last sync" => r.LastSync,
                "Size" => r.Size,
                _ => r.SavesSent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
    }
}
