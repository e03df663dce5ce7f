using System.Text.Json;
using System.Text.Json.Nodes;

namespace AotAgent.Resolution;

/// <summary>The tree Go's decoder keeps from a JSON object, and its duplicate keys.</summary>
internal static partial class GoJson
{
    /// <summary>
    /// The element as a node tree the way Go keeps it: of duplicate keys the last wins (its position is the first
    /// occurrence's, as in a Go map re-marshalled in order). Each collapsed duplicate's path is added to <paramref name="duplicates"/>.
    /// </summary>
    public static JsonNode? ToNode(JsonElement element, string path, List<string> duplicates)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var member in element.EnumerateObject())
                {
                    if (obj.ContainsKey(member.Name))
                    {
                        duplicates.Add(path.Length == 0 ? member.Name : path + "." + member.Name);
                    }

                    obj[member.Name] = ToNode(member.Value, path.Length == 0 ? member.Name : path + "." + member.Name, duplicates);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item, $"{path}[{i++}]", duplicates));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                // Go decodes an unpaired surrogate escape as U+FFFD.
                return JsonValue.Create(String(element) ?? "\uFFFD");
            case JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(element.ValueKind == JsonValueKind.True);
            default:
                // A number keeps its literal (9001, 1.50) and must outlive the parsed document.
                return JsonValue.Create(element.Clone());
        }
    }

    /// <summary>
    /// Adds the path of every duplicate key to <paramref name="duplicates"/>, as <see cref="ToNode"/> does, without
    /// building the tree (files that are not the primary are never rendered). Paths are built only for containers.
    /// </summary>
    public static void Duplicates(JsonElement element, string path, List<string> duplicates)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            List<string>? seen = null;
            foreach (var member in element.EnumerateObject())
            {
                var name = member.Name;
                seen ??= [];
                if (seen.Contains(name, StringComparer.Ordinal))
                {
                    duplicates.Add(path.Length == 0 ? name : path + "." + name);
                }
                else
                {
                    seen.Add(name);
                }

                if (member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    Duplicates(member.Value, path.Length == 0 ? name : path + "." + name, duplicates);
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    Duplicates(item, $"{path}[{i}]", duplicates);
                }

                i++;
            }
        }
    }
}
