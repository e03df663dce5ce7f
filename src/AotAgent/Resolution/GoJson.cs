using System.Text.Json;

namespace AotAgent.Resolution;

/// <summary>
/// How Go's <c>encoding/json</c>, which containerd, CRI-O, libcni and Multus all use, reads an object: a map lookup
/// matches a key exactly and keeps the last duplicate; a struct field matches a key exactly or case-insensitively
/// (Unicode simple folding), and the last matching member wins.
/// </summary>
internal static partial class GoJson
{
    /// <summary>Members in the order the decoder meets them in the bytes.</summary>
    public static List<JsonProperty> FileOrder(JsonElement obj) => [.. obj.EnumerateObject()];

    /// <summary>
    /// Members as libcni's re-marshal of a list member leaves them: exact duplicates collapsed to the last, then sorted by
    /// name (Go marshals a map with sorted keys).
    /// </summary>
    public static List<JsonProperty> SortedOrder(JsonElement obj)
    {
        var last = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
        foreach (var member in obj.EnumerateObject())
        {
            last[member.Name] = member;
        }

        return [.. last.Values.OrderBy(m => m.Name, Utf8Order.Instance)];
    }

    /// <summary>A struct field's value: the last member whose name is <paramref name="field"/> or folds to it; null when none.</summary>
    public static JsonElement? Field(IReadOnlyList<JsonProperty> members, string field)
    {
        JsonElement? value = null;
        foreach (var member in members)
        {
            if (FoldEquals(member.Name, field))
            {
                value = member.Value;
            }
        }

        return value;
    }

    /// <summary>A map lookup: the last member named exactly <paramref name="key"/>; null when none.</summary>
    public static JsonElement? Exact(JsonElement obj, string key)
    {
        JsonElement? value = null;
        foreach (var member in obj.EnumerateObject())
        {
            if (member.NameEquals(key))
            {
                value = member.Value;
            }
        }

        return value;
    }

    /// <summary>Go's case folding for field names: ASCII case, plus the two letters that fold into ASCII (ſ→s, K→k).</summary>
    public static bool FoldEquals(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (Fold(a[i]) != Fold(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The key as Go's field matching sees it: keys with equal fold keys fill the same struct field.</summary>
    public static string FoldKey(string key) => new(key.Select(Fold).ToArray());

    private static char Fold(char c) => c switch
    {
        '\u017F' => 's',
        '\u212A' => 'k',
        _ => char.ToLowerInvariant(c),
    };

    /// <summary>"a string", "a number"…: how a wrong value is named in a reason.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>The string value, or null when the element is not a string or holds an unpaired surrogate escape.</summary>
    public static string? String(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.String } e)
        {
            return null;
        }

        try
        {
            return e.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
