using System.Text;

namespace AotAgent.Configuration;

/// <summary>One bad setting: the key as the operator writes it, the value given, and what is allowed.</summary>
internal sealed record ConfigError(string Key, string? Value, string Allowed)
{
    /// <summary>Longer values are cut in the message (the key and what is allowed matter more than the 64th KiB).</summary>
    public const int MaxShownChars = 120;

    /// <summary>Always one line: control characters in the value are escaped, and a long value is cut.</summary>
    public override string ToString() =>
        $"invalid configuration: {Key}={(Value is null ? "(unset)" : "'" + Shown(Value) + "'")}: {OneLine(Allowed)}";

    private static string Shown(string value)
    {
        var cut = value.Length > MaxShownChars ? value[..MaxShownChars] : value;
        var shown = OneLine(cut);
        return cut.Length < value.Length ? $"{shown}... ({Encoding.UTF8.GetByteCount(value)} bytes)" : shown;
    }

    private static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
