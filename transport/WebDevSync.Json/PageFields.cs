using System.Text.Json;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Json;

/// <summary>An edit request's page context as payload fields (README "Page context"), each only when known.</summary>
internal static class PageFields
{
    public static void Write(Utf8JsonWriter w, PageContext page)
    {
        if (page.Url is not null) w.WriteString("url", page.Url);
        if (page.Title is not null) w.WriteString("title", page.Title);
        if (page.Selection is { } sel)
        {
            w.WriteStartObject("selection");
            w.WriteNumber("start", sel.Start);
            w.WriteNumber("end", sel.End);
            w.WriteEndObject();
        }
    }
}
