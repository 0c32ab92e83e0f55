using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace WebDevSync.Agent.Live.Vim;

/// <summary>The JSON of Vim's channel (<c>:h channel-use</c>): what the script sends, what the agent sends back.</summary>
public static class VimMessages
{
    /// <summary>Whether a message is the script's <c>[n, ["applied"]]</c>: a page change is in the buffer.</summary>
    public static bool IsApplied(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement is { ValueKind: JsonValueKind.Array } root && root.GetArrayLength() == 2
                && root[1] is { ValueKind: JsonValueKind.Array } body && body.GetArrayLength() == 1 && body[0].ValueKind == JsonValueKind.String && body[0].GetString() == "applied";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The lines of a <c>[n, ["hello"|"text", lines]]</c> message, or null for anything else.</summary>
    public static ImmutableArray<string>? Lines(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement is not { ValueKind: JsonValueKind.Array } root || root.GetArrayLength() != 2) return null;
            var body = root[1];
            if (body.ValueKind != JsonValueKind.Array || body.GetArrayLength() != 2 || body[0].GetString() is not ("hello" or "text")) return null;
            if (body[1].ValueKind != JsonValueKind.Array) return null;
            var lines = ImmutableArray.CreateBuilder<string>(body[1].GetArrayLength());
            foreach (var line in body[1].EnumerateArray())
            {
                if (line.ValueKind != JsonValueKind.String) return null;
                lines.Add(line.GetString()!);
            }
            return lines.MoveToImmutable();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>[0, {"notice": text}]</c> and a newline: a message for the user's message line.</summary>
    public static byte[] Notice(string text)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteNumberValue(0);
            w.WriteStartObject();
            w.WriteString("notice", text);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary><c>[0, {"set": lines, "final": bool}]</c> and a newline: number zero goes to the channel's callback.</summary>
    public static byte[] Set(ImmutableArray<string> lines, bool finalBreak)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteNumberValue(0);
            w.WriteStartObject();
            w.WriteStartArray("set");
            foreach (var line in lines) w.WriteStringValue(line);
            w.WriteEndArray();
            w.WriteBoolean("final", finalBreak);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
