using System.Collections.Immutable;
using System.Text.Json;
using WebDevSync.Core.Editing;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Json;

/// <summary>
/// A change as edits on the wire (README "Edits"): <c>"edits":[[start,end,"text"],…]</c> beside
/// <c>"length"</c> and <c>"hash"</c>, the result's checksum (<see cref="TextSum"/>), in a
/// <c>code_update</c>'s payload instead of <c>code</c>. Arrays rather than objects: a one-char edit of a
/// large text then fits in well under 200 bytes with its message around it.
/// </summary>
internal static class EditFields
{
    public const string Edits = "edits";

    public static void Write(Utf8JsonWriter w, ImmutableArray<TextEdit> edits, TextSum sum)
    {
        w.WriteStartArray(Edits);
        foreach (var e in edits)
        {
            w.WriteStartArray();
            w.WriteNumberValue(e.Start);
            w.WriteNumberValue(e.End);
            w.WriteStringValue(e.Text);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteNumber("length", sum.Length);
        w.WriteNumber("hash", sum.Hash);
    }

    /// <summary>The edits and checksum in <paramref name="payload"/>, or the first problem with them (<paramref name="where"/> names the payload).</summary>
    public static (ImmutableArray<TextEdit> Edits, TextSum Sum, string? Problem) Read(JsonElement payload, string where)
    {
        if (!payload.TryGetProperty(Edits, out var list) || list.ValueKind != JsonValueKind.Array) return Fail($"{where}.edits must be an array");
        if (list.GetArrayLength() > Limits.MaxEditsPerChange) return Fail($"{where}.edits has more than {Limits.MaxEditsPerChange} edits");
        var edits = ImmutableArray.CreateBuilder<TextEdit>(list.GetArrayLength());
        var i = 0;
        foreach (var e in list.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 3) return Fail($"{where}.edits[{i}] must be [start, end, text]");
            var (start, end, text) = (e[0], e[1], e[2]);
            if (!Offset(start, out var s) || !Offset(end, out var n)) return Fail($"{where}.edits[{i}]: start and end must be integers from 0 to {int.MaxValue}");
            if (text.ValueKind != JsonValueKind.String) return Fail($"{where}.edits[{i}]: text must be a string");
            edits.Add(new TextEdit(s, n, text.GetString()!));
            i++;
        }
        var result = edits.MoveToImmutable();
        if (EditScript.Problem(result, $"{where}.edits") is { } problem) return Fail(problem);
        if (!payload.TryGetProperty("length", out var length) || !Offset(length, out var len))
            return Fail($"{where}.length must be an integer from 0 to {int.MaxValue} (the edited text's length)");
        if (!payload.TryGetProperty("hash", out var hash) || hash.ValueKind != JsonValueKind.Number || !hash.TryGetUInt32(out var h))
            return Fail($"{where}.hash must be an integer from 0 to {uint.MaxValue} (the edited text's hash)");
        return (result, new TextSum(len, h), null);
    }

    private static bool Offset(JsonElement e, out int value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value) && value >= 0;
    }

    private static (ImmutableArray<TextEdit>, TextSum, string?) Fail(string problem) => ([], default, problem);
}
