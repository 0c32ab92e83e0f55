using System.Buffers;
using MessagePack;

namespace WebDevSync.Agent.Live.Nvim;

/// <summary>A Neovim handle (buffer, window, tabpage): a msgpack extension whose payload is the id.</summary>
public sealed record NvimHandle(sbyte Type, long Id);

/// <summary>
/// msgpack values as plain .NET ones, both ways: nil, bool, long, double, string, byte[], object?[],
/// Dictionary&lt;string, object?&gt; (Neovim's maps have string keys), <see cref="NvimHandle"/>.
/// Small on purpose: msgpack-RPC needs nothing richer.
/// </summary>
public static class MsgPackValue
{
    /// <summary>Nesting beyond this is refused: nothing Neovim sends is that deep.</summary>
    public const int MaxDepth = 32;

    public static object? Read(ref MessagePackReader r, int depth = 0)
    {
        if (depth > MaxDepth) throw new MessagePackSerializationException("msgpack nesting too deep");
        switch (r.NextMessagePackType)
        {
            case MessagePackType.Nil: r.ReadNil(); return null;
            case MessagePackType.Boolean: return r.ReadBoolean();
            case MessagePackType.Integer: return r.ReadInt64();
            case MessagePackType.Float: return r.ReadDouble();
            case MessagePackType.String: return r.ReadString();
            case MessagePackType.Binary: return r.ReadBytes()?.ToArray();
            case MessagePackType.Array:
                var items = new object?[r.ReadArrayHeader()];
                for (var i = 0; i < items.Length; i++) items[i] = Read(ref r, depth + 1);
                return items;
            case MessagePackType.Map:
                var count = r.ReadMapHeader();
                var map = new Dictionary<string, object?>(count, StringComparer.Ordinal);
                for (var i = 0; i < count; i++)
                {
                    var key = Read(ref r, depth + 1)?.ToString() ?? "";
                    map[key] = Read(ref r, depth + 1);
                }
                return map;
            case MessagePackType.Extension:
                var ext = r.ReadExtensionFormat();
                var inner = new MessagePackReader(ext.Data);
                return new NvimHandle(ext.TypeCode, inner.ReadInt64());
            default:
                r.Skip();
                return null;
        }
    }

    public static void Write(ref MessagePackWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNil(); break;
            case bool b: w.Write(b); break;
            case int i: w.Write(i); break;
            case long l: w.Write(l); break;
            case double d: w.Write(d); break;
            case string s: w.Write(s); break;
            case byte[] bytes: w.Write(bytes); break;
            case NvimHandle h: WriteHandle(ref w, h); break;
            case IReadOnlyDictionary<string, object?> map:
                w.WriteMapHeader(map.Count);
                foreach (var (k, v) in map) { w.Write(k); Write(ref w, v); }
                break;
            case System.Collections.IEnumerable list:
                var items = list.Cast<object?>().ToList();
                w.WriteArrayHeader(items.Count);
                foreach (var item in items) Write(ref w, item);
                break;
            default: throw new ArgumentException($"cannot write {value.GetType().Name} as msgpack", nameof(value));
        }
    }

    private static void WriteHandle(ref MessagePackWriter w, NvimHandle h)
    {
        var payload = new ArrayBufferWriter<byte>(9);
        var inner = new MessagePackWriter(payload);
        inner.Write(h.Id);
        inner.Flush();
        w.WriteExtensionFormat(new ExtensionResult(h.Type, new ReadOnlySequence<byte>(payload.WrittenMemory)));
    }

    public static long AsLong(object? v) => v switch
    {
        long l => l,
        NvimHandle h => h.Id,
        _ => throw new InvalidDataException($"expected an integer, got {v?.GetType().Name ?? "nil"}"),
    };
}
