using System.Collections.Immutable;
using Terminal.Gui.Views;

namespace WebDevSync.Agent.Views;

/// <summary>The sessions as a <see cref="TableView"/> reads them: one row per session, the Page and Editor columns only when there is room.</summary>
internal sealed class SessionTable(ImmutableArray<SessionRow> rows, bool wide) : ITableSource
{
    private static readonly string[] Wide = ["Textarea", "Page", "File", "Editor", "State", "Last sync", "Size", "Saves"];
    private static readonly string[] Narrow = ["Textarea", "File", "State", "Last sync", "Size", "Saves"];

    public ImmutableArray<SessionRow> Rows => rows;

    public string[] ColumnNames => wide ? Wide : Narrow;

    public int Columns => ColumnNames.Length;

    int ITableSource.Rows => rows.Length;

    /// <summary>
    /// The widest each free-text column may get, so every column fits: at 120 columns (wide) and at 80
    /// (narrow), with the table's borders and separators. Cut text ends in "…"; the log has it whole.
    /// </summary>
    public static int MaxWidth(string column, bool wide) => column switch
    {
        "Textarea" => wide ? 16 : 14,
        "Page" => 16,
        "File" => wide ? 24 : 22,
        "Editor" => 18,
        _ => int.MaxValue,
    };

    public object this[int row, int col]
    {
        get
        {
            var r = rows[row];
            var column = ColumnNames[col];
            return column switch
            {
                "Textarea" => LogPane.Fit(r.TextareaId, MaxWidth(column, wide)),
                "Page" => LogPane.Fit(r.Page, MaxWidth(column, wide)),
                "File" => LogPane.Fit(r.File, MaxWidth(column, wide)),
                "Editor" => LogPane.Fit(r.Editor, MaxWidth(column, wide)),
                "State" => r.State,
                "Last sync" => r.LastSync,
                "Size" => r.Size,
                _ => r.SavesSent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
    }
}
