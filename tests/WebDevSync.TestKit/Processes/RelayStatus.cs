using System.Text.Json;

namespace WebDevSync.TestKit.Processes;

/// <summary>The counts in the relay's <c>/web-dev-sync/status</c> answer.</summary>
public static class RelayStatus
{
    public static int Sessions(JsonElement status) => status.GetProperty("sessions").GetProperty("active").GetInt32();
    public static int Browsers(JsonElement status) => status.GetProperty("connections").GetProperty("browser").GetInt32();
    public static int Desktops(JsonElement status) => status.GetProperty("connections").GetProperty("desktop").GetInt32();
}
