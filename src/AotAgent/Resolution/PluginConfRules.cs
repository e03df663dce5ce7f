using System.Text.Json;

namespace AotAgent.Resolution;

/// <summary>
/// One plugin object as libcni decodes it into <c>types.PluginConf</c> (containernetworking/cni v1.3.0
/// pkg/types/types.go): the typed fields must have their Go types (null leaves a field unset), other keys are free.
/// A value of the wrong type makes containerd and CRI-O refuse the whole file and Multus fail every pod ADD.
/// </summary>
internal static class PluginConfRules
{
    /// <summary>
    /// Checks <paramref name="members"/> (in the order the decoder meets them) of the plugin at <paramref name="where"/>
    /// (e.g. <c>plugins[1]</c>, or empty for a single-plugin file). Returns the problem, or null and the effective type.
    /// </summary>
    public static string? Check(IReadOnlyList<JsonProperty> members, string where, out string type)
    {
        type = string.Empty;
        var at = where.Length == 0 ? string.Empty : where + ".";
        foreach (var member in members)
        {
            var problem = Field(member.Name) switch
            {
                "type" or "name" or "cniVersion" => StringOrNull(member.Value, at + Field(member.Name)),
                "capabilities" => Capabilities(member.Value, at + "capabilities"),
                "ipam" => Ipam(member.Value, at + "ipam"),
                "dns" => Dns(member.Value, at + "dns"),
                "prevResult" => Kind(member.Value, at + "prevResult", JsonValueKind.Object, "an object"),
                "cni.dev/valid-attachments" => Attachments(member.Value, at + "cni.dev/valid-attachments"),
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        if (GoJson.String(GoJson.Field(members, "type")) is not { Length: > 0 } t)
        {
            return where.Length == 0 ? "no \"type\" string" : $"{where} has no \"type\" string";
        }

        type = t;
        return null;
    }

    /// <summary>The capabilities set to true (Multus thick's rule), exact keys, last duplicate wins.</summary>
    public static IEnumerable<string> TrueCapabilities(IReadOnlyList<JsonProperty> members)
    {
        if (GoJson.Field(members, "capabilities") is not { ValueKind: JsonValueKind.Object } caps)
        {
            yield break;
        }

        var last = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var capability in caps.EnumerateObject())
        {
            last[capability.Name] = capability.Value.ValueKind == JsonValueKind.True;
        }

        foreach (var (name, value) in last)
        {
            if (value)
            {
                yield return name;
            }
        }
    }

    /// <summary>The PluginConf field a key fills (exactly or by Go's case folding), or null for a free key.</summary>
    private static string? Field(string key) =>
        Fields.FirstOrDefault(f => GoJson.FoldEquals(key, f));

    private static readonly string[] Fields = ["type", "name", "cniVersion", "capabilities", "ipam", "dns", "prevResult", "cni.dev/valid-attachments"];

    private static readonly string[] DnsFields = ["nameservers", "search", "options", "domain"];

    private static string? StringOrNull(JsonElement value, string path) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Null ? null : Wrong(path, value, "a string");

    private static string? Kind(JsonElement value, string path, JsonValueKind kind, string wanted) =>
        value.ValueKind == kind || value.ValueKind == JsonValueKind.Null ? null : Wrong(path, value, wanted);

    private static string? Capabilities(JsonElement value, string path)
    {
        if (Kind(value, path, JsonValueKind.Object, "an object of true/false values") is { } problem)
        {
            return problem;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var capability in value.EnumerateObject())
            {
                if (capability.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                {
                    return Wrong($"{path}.{capability.Name}", capability.Value, "true or false");
                }
            }
        }

        return null;
    }

    private static string? Ipam(JsonElement value, string path)
    {
        if (Kind(value, path, JsonValueKind.Object, "an object") is { } problem)
        {
            return problem;
        }

        return value.ValueKind == JsonValueKind.Object && GoJson.Field(GoJson.FileOrder(value), "type") is { } type
            ? StringOrNull(type, path + ".type")
            : null;
    }

    private static string? Dns(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return Kind(value, path, JsonValueKind.Object, "an object");
        }

        foreach (var member in value.EnumerateObject())
        {
            var field = DnsFields.FirstOrDefault(f => GoJson.FoldEquals(member.Name, f));
            var check = field switch
            {
                "domain" => StringOrNull(member.Value, path + ".domain"),
                null => null,
                _ => StringArray(member.Value, $"{path}.{field}"),
            };
            if (check is not null)
            {
                return check;
            }
        }

        return null;
    }

    private static string? StringArray(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return Kind(value, path, JsonValueKind.Array, "an array of strings");
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (StringOrNull(item, $"{path}[{i++}]") is { } wrong)
            {
                return wrong;
            }
        }

        return null;
    }

    private static string? Attachments(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return Kind(value, path, JsonValueKind.Array, "an array of objects");
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            if (Kind(item, at, JsonValueKind.Object, "an object") is { } wrong)
            {
                return wrong;
            }

            if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in item.EnumerateObject())
                {
                    if ((GoJson.FoldEquals(member.Name, "containerID") || GoJson.FoldEquals(member.Name, "ifname")) &&
                        StringOrNull(member.Value, $"{at}.{member.Name}") is { } bad)
                    {
                        return bad;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>One line naming the path, what was found and what the runtime needs.</summary>
    private static string Wrong(string path, JsonElement value, string wanted) =>
        $"\"{path}\" is {GoJson.Describe(value.ValueKind)}; libcni (containerd, CRI-O) and Multus need {wanted}";
}
