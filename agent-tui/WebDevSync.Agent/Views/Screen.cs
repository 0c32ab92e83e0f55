using Spectre.Console;
using Spectre.Console.Rendering;
using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Views;

/// <summary>
/// Lays a <see cref="ViewModel"/> out for a terminal of a given size: header, sessions table, log
/// pane (or help), footer. Everything is cut to fit, so 80x24 and wide terminals both look right.
/// </summary>
public static class Screen
{
    public const int NarrowWidth = 100;

    public static IRenderable Build(ViewModel vm, int width, int height)
    {
        width = Math.Max(40, width);
        height = Math.Max(12, height) - 1; // the last line stays free so the terminal never scrolls
        var maxRows = Math.Max(1, height - 2 - 4 - 1 - 2 - 3);
        var table = Sessions(vm, width, maxRows, out var tableHeight);
        var logLines = Math.Max(1, height - 2 - tableHeight - 1 - 2);
        var lower = vm.ShowHelp ? Help(width, logLines) : Log(vm, width, logLines);
        return new Rows(Header(vm, width), table, lower, new Markup($"[grey]{Markup.Escape(Fit(ViewModel.Footer, width))}[/]"));
    }

    private static IRenderable Header(ViewModel vm, int width)
    {
        var colour = vm.ConnectionTone switch
        {
            Tone.Good => "green",
            Tone.Busy => "yellow",
            Tone.Warn => "darkorange",
            _ => "red",
        };
        var title = Fit($"WebDevSync agent · {vm.UserId} @ {vm.ServerUrl}", width);
        var state = Fit($"● {vm.Connection}{(vm.Debug ? "  [debug]" : "")}", width);
        return new Rows(new Markup($"[bold]{Markup.Escape(title)}[/]"), new Markup($"[{colour}]{Markup.Escape(state)}[/]"));
    }

    private static IRenderable Sessions(ViewModel vm, int width, int maxRows, out int height)
    {
        var narrow = width < NarrowWidth;
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("Textarea").NoWrap());
        table.AddColumn(new TableColumn("File").NoWrap());
        if (!narrow) table.AddColumn(new TableColumn("Editor").NoWrap());
        table.AddColumn(new TableColumn("State").NoWrap());
        table.AddColumn(new TableColumn("Last sync").NoWrap());
        table.AddColumn(new TableColumn("Size").NoWrap().RightAligned());
        table.AddColumn(new TableColumn("Saves").NoWrap().RightAligned());

        var rows = Window(vm.Rows, maxRows);
        if (rows.Count == 0)
        {
            var cells = Enumerable.Repeat("", table.Columns.Count).ToArray();
            cells[0] = "[grey]none yet[/]";
            cells[1] = "[grey]waiting for edit requests[/]";
            table.AddRow(cells);
        }
        foreach (var r in rows)
        {
            var style = r.Selected ? "reverse" : "default";
            var state = r.State switch { "editing" => "green", "unsent" => "darkorange", "opening" => "yellow", _ => "grey" };
            List<string> cells = [$"[{style}]{Markup.Escape(Fit(r.TextareaId, narrow ? 14 : 32))}[/]", Markup.Escape(Fit(r.File, narrow ? 24 : 48))];
            if (!narrow) cells.Add(Markup.Escape(r.Editor));
            cells.AddRange([$"[{state}]{r.State}[/]", r.LastSync, r.Size, r.SavesSent.ToString()]);
            table.AddRow(cells.ToArray());
        }
        height = Math.Max(1, rows.Count) + 4;
        return table;
    }

    /// <summary>The rows around the selection when there are more than fit.</summary>
    private static List<SessionRow> Window(IReadOnlyList<SessionRow> rows, int max)
    {
        if (rows.Count <= max) return [.. rows];
        var selected = Math.Max(0, rows.ToList().FindIndex(r => r.Selected));
        var start = Math.Clamp(selected - max / 2, 0, rows.Count - max);
        return rows.Skip(start).Take(max).ToList();
    }

    private static IRenderable Log(ViewModel vm, int width, int lines)
    {
        var recent = vm.Log.Skip(Math.Max(0, vm.Log.Length - lines)).ToList();
        var text = recent.Select(e =>
        {
            var colour = e.Level switch { LogLevel.Error => "red", LogLevel.Debug => "grey", _ => "default" };
            return $"[grey]{e.Time}[/] [{colour}]{Markup.Escape(Fit(e.Text, width - 13))}[/]";
        }).ToList();
        while (text.Count < lines) text.Add(" ");
        return new Panel(new Markup(string.Join('\n', text))).Header("Log").Border(BoxBorder.Rounded).Expand();
    }

    private static IRenderable Help(int width, int lines)
    {
        string[] help =
        [
            "o / Enter  open the selected session's file in the editor again",
            "c          close the selected session (the browser is told)",
            "r          reconnect to the relay now",
            "d          show or hide debug lines in the log",
            "h / ?      show or hide this help",
            "↑ ↓ / k j  select a session",
            "q / Ctrl-C quit: close every session and remove its file",
        ];
        var shown = help.Take(lines).Select(l => Markup.Escape(Fit(l, width - 4))).ToList();
        while (shown.Count < lines) shown.Add(" ");
        return new Panel(new Markup(string.Join('\n', shown))).Header("Help").Border(BoxBorder.Rounded).Expand();
    }

    internal static string Fit(string text, int width) => text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "…";
}
