using System.Collections.Immutable;
using System.Text.Json;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Json;

/// <summary>The first problem found in one message; every later read of that message is a no-op.</summary>
internal sealed class DecodeProblems(string? sessionId)
{
    public DecodeError? First { get; private set; }

    public void Add(ErrorCode code, string message) => First ??= new DecodeError(code, message, sessionId);
}

/// <summary>
/// Typed field access on a JSON object for the relay's hot path: straight-line reads that record the
/// first mismatch in <see cref="DecodeProblems"/> (the same errors, in the same order, as a chain that
/// stops at the first) without allocating per field. The path for messages ("message.payload.code")
/// is only built when there is an error to report.
/// </summary>
internal readonly struct FieldReader(JsonElement element, DecodeProblems problems, string parent, string? name = null)
{
    private string Where => name is null ? parent : $"{parent}.{name}";

    private bool Failed => problems.First is not null;

    /// <summary>A required string; "" after a problem.</summary>
    public string String(string field, int maxLength)
    {
        var v = Optional(field, maxLength);
        if (v is null && !Failed) Invalid($"{Where}.{field} is required");
        return v ?? "";
    }

    public string NonEmpty(string field, int maxLength)
    {
        var v = String(field, maxLength);
        if (v.Length == 0 && !Failed) Invalid($"{Where}.{field} must not be empty");
        return v;
    }

    /// <summary>A string field that may be absent or null; longer than <paramref name="maxLength"/> is refused.</summary>
    public string? Optional(string field, int maxLength)
    {
        if (Failed || !element.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String)
        {
            Invalid($"{Where}.{field} must be a string");
            return null;
        }
        var s = v.GetString()!;
        if (s.Length <= maxLength) return s;
        Invalid($"{Where}.{field} is longer than {maxLength} characters");
        return null;
    }

    /// <summary>A required code field, over <paramref name="maxBytes"/> in UTF-8 refused as PAYLOAD_TOO_LARGE.</summary>
    public string Code(string field, int maxBytes)
    {
        var v = String(field, int.MaxValue);
        if (Failed || !Limits.CodeTooLarge(v, maxBytes)) return v;
        problems.Add(ErrorCode.PayloadTooLarge, Limits.CodeTooLargeMessage($"{Where}.{field}", maxBytes));
        return "";
    }

    public long Long(string field)
    {
        if (Failed) return 0;
        if (element.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0) return n;
        Invalid($"{Where}.{field} must be a non-negative integer");
        return 0;
    }

    /// <summary>An integer field that may be absent or null; present, it must be a non-negative integer.</summary>
    public long? OptionalLong(string field)
    {
        if (Failed || !element.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return Long(field);
    }

    /// <summary>A boolean field that may be absent or null (then false); present, it must be true or false.</summary>
    public bool OptionalBool(string field)
    {
        if (Failed || !element.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return false;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Invalid($"{Where}.{field} must be true or false");
        return false;
    }

    /// <summary>The object this reads.</summary>
    public JsonElement Element => element;

    /// <summary>The field's raw value, when it is present and not null.</summary>
    public bool TryGet(string field, out JsonElement value) =>
        element.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The field's path for an error message, e.g. <c>message.payload.</c> for the payload's fields.</summary>
    public string Prefix => $"{Where}.";

    /// <summary>Records a problem the caller found (a rule across fields); later reads become no-ops.</summary>
    public void Refuse(string message) => Invalid(message);

    /// <summary>A nested object, or null when it is absent (allowed only when not <paramref name="required"/>) or after a problem.</summary>
    public FieldReader? Object(string field, bool required)
    {
        if (Failed) return null;
        if (!element.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) Invalid($"{Where}.{field} is required");
            return null;
        }
        if (v.ValueKind == JsonValueKind.Object) return new FieldReader(v, problems, Where, field);
        Invalid($"{Where}.{field} must be an object");
        return null;
    }

    /// <summary>A required nested object; after a problem, reads on the result are no-ops.</summary>
    public FieldReader Object(string field) => Object(field, required: true) ?? this;

    /// <summary>An optional array of objects, each read by <paramref name="item"/>.</summary>
    public ImmutableArray<T> Array<T>(string field, int maxItems, Func<FieldReader, T> item)
    {
        if (Failed || !element.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return [];
        if (v.ValueKind != JsonValueKind.Array) return Fail<T>($"{Where}.{field} must be an array");
        if (v.GetArrayLength() > maxItems) return Fail<T>($"{Where}.{field} has more than {maxItems} items");
        var items = ImmutableArray.CreateBuilder<T>(v.GetArrayLength());
        var path = $"{Where}.{field}[]";
        foreach (var e in v.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object) return Fail<T>($"{path} must be objects");
            items.Add(item(new FieldReader(e, problems, path)));
            if (Failed) return [];
        }
        return items.MoveToImmutable();
    }

    private ImmutableArray<T> Fail<T>(string message)
    {
        Invalid(message);
        return [];
    }

    private void Invalid(string message) => problems.Add(ErrorCode.InvalidMessage, message);
}
