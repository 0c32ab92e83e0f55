using System.Text.Json;
using LanguageExt;
using WebDevSync.Core.Protocol;
using static LanguageExt.Prelude;

namespace WebDevSync.Json;

/// <summary>Typed field access on a JSON object that turns every mismatch into a <see cref="DecodeError"/>.</summary>
internal sealed class JsonObjectReader(JsonElement element, string where, string? sessionId = null)
{
    public JsonElement Element => element;

    public Either<DecodeError, string> String(string name, int maxLength) =>
        Optional(name, maxLength).Bind(v => v.Fold(Right<DecodeError, string>, () => Left<DecodeError, string>(Invalid($"{where}.{name} is required"))));

    public Either<DecodeError, string> NonEmpty(string name, int maxLength) =>
        String(name, maxLength).Bind(v => v.Length == 0 ? Left<DecodeError, string>(Invalid($"{where}.{name} must not be empty")) : Right<DecodeError, string>(v));

    /// <summary>A string field that may be absent or null; longer than <paramref name="maxLength"/> is refused.</summary>
    public Either<DecodeError, Option<string>> Optional(string name, int maxLength)
    {
        if (!element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return Right<DecodeError, Option<string>>(None);
        if (v.ValueKind != JsonValueKind.String) return Invalid($"{where}.{name} must be a string");
        var s = v.GetString()!;
        if (s.Length > maxLength)
            return maxLength >= 1024 * 1024
                ? new DecodeError(ErrorCode.PayloadTooLarge, $"{where}.{name} is longer than {maxLength} characters", sessionId)
                : Invalid($"{where}.{name} is longer than {maxLength} characters");
        return Right<DecodeError, Option<string>>(s);
    }

    public Either<DecodeError, long> Long(string name)
    {
        if (!element.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n) || n < 0)
            return Invalid($"{where}.{name} must be a non-negative integer");
        return n;
    }

    /// <summary>A nested object; absent is allowed only when <paramref name="required"/> is false.</summary>
    public Either<DecodeError, Option<JsonObjectReader>> Object(string name, bool required)
    {
        if (!element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return required ? Invalid($"{where}.{name} is required") : Right<DecodeError, Option<JsonObjectReader>>(None);
        if (v.ValueKind != JsonValueKind.Object) return Invalid($"{where}.{name} must be an object");
        return Right<DecodeError, Option<JsonObjectReader>>(new JsonObjectReader(v, $"{where}.{name}", sessionId));
    }

    /// <summary>A required nested object.</summary>
    public Either<DecodeError, JsonObjectReader> Object(string name) =>
        Object(name, required: true).Map(o => o.Fold(x => x, () => this));

    /// <summary>A field of an optional nested object: absent object, absent field.</summary>
    public static Either<DecodeError, Option<string>> Optional(Option<JsonObjectReader> parent, string name, int maxLength) =>
        parent.Fold(p => p.Optional(name, maxLength), () => Right<DecodeError, Option<string>>(None));

    /// <summary>An optional array of objects, each read by <paramref name="item"/>.</summary>
    public Either<DecodeError, Seq<T>> Array<T>(string name, int maxItems, Func<JsonObjectReader, Either<DecodeError, T>> item)
    {
        if (!element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return Right<DecodeError, Seq<T>>(Empty);
        if (v.ValueKind != JsonValueKind.Array) return Invalid($"{where}.{name} must be an array");
        if (v.GetArrayLength() > maxItems) return Invalid($"{where}.{name} has more than {maxItems} items");
        var items = new List<T>();
        foreach (var e in v.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object) return Invalid($"{where}.{name}[] must be objects");
            var r = item(new JsonObjectReader(e, $"{where}.{name}[]", sessionId));
            if (r.IsLeft) return r.Map(_ => Seq<T>());
            items.Add(r.RightToSeq().Head);
        }
        return Right<DecodeError, Seq<T>>(items.ToSeq());
    }

    private DecodeError Invalid(string message) => new(ErrorCode.InvalidMessage, message, sessionId);
}
