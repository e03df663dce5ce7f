using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace AotAgent.Resolution;

/// <summary>The bytes as Go's decoder sees them, and the shape of a value, read without recursion.</summary>
internal static partial class GoJson
{
    /// <summary>Go's <c>maxNestingDepth</c>: 10,000 nested arrays/objects load (top level = 1), one more does not.</summary>
    public const int MaxNesting = 10_000;

    /// <summary>
    /// A copy Go would decode the same way but System.Text.Json can read: Go turns invalid UTF-8 and unpaired surrogate
    /// escapes (<c>"\ud800"</c>) into U+FFFD silently, where System.Text.Json refuses the bytes or throws on the string.
    /// </summary>
    public static byte[] GoText(ReadOnlySpan<byte> content)
    {
        var bytes = Utf8.IsValid(content) ? content.ToArray() : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content));
        var inString = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '"')
            {
                inString = !inString;
            }
            else if (inString && bytes[i] == '\\' && i + 1 < bytes.Length)
            {
                if (Escape(bytes, i) is not { } unit || !char.IsSurrogate(unit))
                {
                    i++;
                    continue;
                }

                // A pair stays a pair; anything else is one U+FFFD, written in place (both escapes are 6 bytes).
                if (char.IsHighSurrogate(unit) && Escape(bytes, i + 6) is { } low && char.IsLowSurrogate(low))
                {
                    i += 11;
                    continue;
                }

                "\\uFFFD"u8.CopyTo(bytes.AsSpan(i));
                i += 5;
            }
        }

        return bytes;
    }

    /// <summary>The UTF-16 unit of a <c>\uXXXX</c> escape at <paramref name="at"/>, or null.</summary>
    private static char? Escape(byte[] bytes, int at)
    {
        if (at + 6 > bytes.Length || bytes[at] != '\\' || bytes[at + 1] != 'u')
        {
            return null;
        }

        var value = 0;
        for (var i = at + 2; i < at + 6; i++)
        {
            var digit = HexDigit(bytes[i]);
            if (digit < 0)
            {
                return null;
            }

            value = value * 16 + digit;
        }

        return (char)value;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>
    /// How deep valid JSON nests (top level = 1) and the path of its first number a 64-bit float cannot hold (Go
    /// refuses it when decoding into <c>interface{}</c>). Iterative: Go allows 10,000 levels, too many for recursion.
    /// </summary>
    public static (int Depth, string? HugeNumber) Shape(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxNesting });
        var open = new List<(bool IsArray, int Index, string Key)>();
        var (depth, huge) = (0, (string?)null);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    open[^1] = (false, 0, reader.GetString()!);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    NextElement(open);
                    open.Add((reader.TokenType == JsonTokenType.StartArray, -1, string.Empty));
                    depth = Math.Max(depth, open.Count);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    open.RemoveAt(open.Count - 1);
                    break;
                default:
                    NextElement(open);
                    if (huge is null && reader.TokenType == JsonTokenType.Number && !(reader.TryGetDouble(out var d) && double.IsFinite(d)))
                    {
                        huge = "$" + string.Concat(open.Select(o => o.IsArray ? $"[{o.Index}]" : "." + o.Key));
                    }

                    break;
            }
        }

        return (Math.Max(depth, 1), huge);
    }

    private static void NextElement(List<(bool IsArray, int Index, string Key)> open)
    {
        if (open.Count > 0 && open[^1].IsArray)
        {
            open[^1] = open[^1] with { Index = open[^1].Index + 1 };
        }
    }
}
