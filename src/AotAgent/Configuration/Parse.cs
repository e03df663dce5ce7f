using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AotAgent.Rendering;
using AotAgent.Resolution;

namespace AotAgent.Configuration;

/// <summary>The value parsers the keys share. Each takes a cleaned, non-empty value.</summary>
internal static partial class Parse
{
    public static bool Text(string text, out string value, out string? detail)
    {
        value = text;
        detail = null;
        return true;
    }

    public static bool Bool(string text, out bool value, out string? detail)
    {
        detail = null;
        return bool.TryParse(text, out value);
    }

    public static bool NullableBool(string text, out bool? value, out string? detail)
    {
        var ok = Bool(text, out var b, out detail);
        value = ok ? b : null;
        return ok;
    }

    public static ValueParser<int> Int(int min, int max) => (string text, out int value, out string? detail) =>
    {
        detail = null;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    };

    public static ValueParser<TimeSpan> Duration(TimeSpan min, TimeSpan max) => (string text, out TimeSpan value, out string? detail) =>
    {
        detail = null;
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    };

    /// <summary>An absolute path; a trailing slash is dropped so paths join the same way however they were written.</summary>
    public static bool AbsolutePath(string text, out string value, out string? detail)
    {
        detail = null;
        value = text.Length > 1 ? text.TrimEnd('/') : text;
        return text.StartsWith('/') && !text.Contains('\0', StringComparison.Ordinal);
    }

    public static bool NullableAbsolutePath(string text, out string? value, out string? detail)
    {
        var ok = AbsolutePath(text, out var path, out detail);
        value = ok ? path : null;
        return ok;
    }

    public static bool Selectors(string text, out IReadOnlyList<Selector> value, out string? detail)
    {
        var result = new List<Selector>();
        value = result;
        detail = null;
        var items = Selector.Split(text);
        if (items.Count == 0)
        {
            detail = "the list holds no selector, only separators";
            return false;
        }

        foreach (var item in items)
        {
            if (Selector.TryParse(item, out var error) is not { } selector)
            {
                detail = error;
                return false;
            }

            result.Add(selector);
        }

        return true;
    }

    public static bool CniVersion(string text, out string? value, out string? detail)
    {
        value = text;
        detail = null;
        return Resolution.CniVersion.TryParse(text, out _);
    }

    public static ValueParser<string> OneOf(params string[] allowed) => (string text, out string value, out string? detail) =>
    {
        value = text;
        detail = null;
        return allowed.Contains(text, StringComparer.Ordinal);
    };

    public static bool Mode(string text, out MultusMode value, out string? detail)
    {
        detail = null;
        value = string.Equals(text, "thin", StringComparison.OrdinalIgnoreCase) ? MultusMode.Thin : MultusMode.Thick;
        return value == MultusMode.Thin || string.Equals(text, "thick", StringComparison.OrdinalIgnoreCase);
    }

    public static bool Runtime(string text, out RuntimeKind value, out string? detail)
    {
        detail = null;
        value = string.Equals(text, "crio", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "cri-o", StringComparison.OrdinalIgnoreCase)
            ? RuntimeKind.Crio
            : RuntimeKind.Containerd;
        return value == RuntimeKind.Crio || string.Equals(text, "containerd", StringComparison.OrdinalIgnoreCase);
    }

    public static bool ConfName(string text, out string value, out string? detail)
    {
        value = text;
        detail = null;
        return ConfNamePattern().IsMatch(text);
    }

    public static bool Namespaces(string text, out string? value, out string? detail)
    {
        var names = Selector.Split(text);
        value = string.Join(',', names);
        detail = names.Count == 0 ? "the list holds no namespace, only separators" : null;
        return names.Count > 0 && names.All(ns => NamespacePattern().IsMatch(ns));
    }

    /// <summary>Octal permission bits; owner read and write are required and world write is refused.</summary>
    public static bool FileMode(string text, out UnixFileMode value, out string? detail)
    {
        value = default;
        detail = null;
        if (!OctalPattern().IsMatch(text))
        {
            return false;
        }

        value = (UnixFileMode)Convert.ToInt32(text, 8);
        return value.HasFlag(UnixFileMode.UserRead) && value.HasFlag(UnixFileMode.UserWrite) && !value.HasFlag(UnixFileMode.OtherWrite);
    }

    /// <summary>A JSON object whose keys the agent does not write itself.</summary>
    public static ValueParser<JsonObject?> JsonObjectWithout(IReadOnlySet<string> ownedKeys) => (string text, out JsonObject? value, out string? detail) =>
    {
        value = null;
        detail = null;
        List<string> owned;
        try
        {
            value = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }) as JsonObject;
            if (value is null)
            {
                detail = "not a JSON object";
                return false;
            }

            // Enumerating materialises the properties, so a duplicate key surfaces here and not in the renderer.
            owned = value.Select(p => p.Key).Where(ownedKeys.Contains).ToList();
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            value = null;
            detail = "not valid JSON (" + ex.Message.ReplaceLineEndings(" ") + ")";
            return false;
        }

        if (owned.Count > 0)
        {
            detail = $"keys owned by the agent are refused ({string.Join(", ", owned)}); use their Multus__ settings";
            value = null;
            return false;
        }

        return true;
    };

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex ConfNamePattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex("^0?[0-7]{3}$")]
    private static partial Regex OctalPattern();
}
