using System.Text.Json;
using System.Text.Json.Nodes;

namespace AotAgent.Resolution;

/// <summary>
/// Validates a CNI config the way the runtime and Multus would load it: <c>.conflist</c> as a list, anything else as a
/// single plugin (containerd refuses a list in a <c>.conf</c>). Pure: bytes in, a network or a reason out.
/// </summary>
internal static class CniConfigParser
{
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    public static CniNetwork? Parse(string fileName, ReadOnlySpan<byte> content, out string? problem)
    {
        problem = null;
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            problem = "starts with a UTF-8 byte order mark, which Go's JSON decoder (containerd, Multus) refuses";
            return null;
        }

        // System.Text.Json checks UTF-8 only when a string is read, so a bad byte would throw later (or reach the output).
        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            problem = "not valid UTF-8";
            return null;
        }

        JsonObject root;
        try
        {
            if (JsonNode.Parse(content, documentOptions: Options) is not JsonObject obj)
            {
                problem = "not a JSON object";
                return null;
            }

            root = obj;

            // Materialise the properties now: duplicate keys surface here, not later in the renderer.
            _ = root.Count;
        }
        catch (JsonException ex)
        {
            problem = "not valid JSON: " + Shorten(ex.Message);
            return null;
        }
        catch (ArgumentException ex)
        {
            problem = "not valid JSON: " + Shorten(ex.Message);
            return null;
        }

        var isList = fileName.EndsWith(".conflist", StringComparison.Ordinal);
        var name = String(root, "name");
        var cniVersion = String(root, "cniVersion");
        if (name is null)
        {
            problem = "no \"name\" string";
            return null;
        }

        if (cniVersion is null)
        {
            problem = "no \"cniVersion\" string";
            return null;
        }

        if (!CniVersion.TryParse(cniVersion, out _))
        {
            problem = $"cniVersion \"{Shorten(cniVersion)}\" is not a version";
            return null;
        }

        var types = new List<string>();
        var capabilities = new SortedSet<string>(StringComparer.Ordinal);
        if (isList)
        {
            if (root["plugins"] is not JsonArray plugins)
            {
                problem = root.ContainsKey("type")
                    ? "a single-plugin config in a .conflist file (no \"plugins\" array)"
                    : "no \"plugins\" array";
                return null;
            }

            if (plugins.Count == 0)
            {
                problem = "\"plugins\" is empty";
                return null;
            }

            for (var i = 0; i < plugins.Count; i++)
            {
                if (plugins[i] is not JsonObject plugin || String(plugin, "type") is not { Length: > 0 } type)
                {
                    problem = $"plugins[{i}] has no \"type\" string";
                    return null;
                }

                types.Add(type);
                AddCapabilities(plugin, capabilities);
            }
        }
        else
        {
            if (String(root, "type") is not { Length: > 0 } type)
            {
                problem = root["plugins"] is JsonArray
                    ? "a plugin list in a .conf/.json file; the runtime loads these as single plugins (name it .conflist)"
                    : "no \"type\" string";
                return null;
            }

            types.Add(type);
            AddCapabilities(root, capabilities);
        }

        return new CniNetwork(name, cniVersion, types[0], types, [.. capabilities], isList, root);
    }

    /// <summary>Only capabilities set to true are advertised (Multus thick's rule).</summary>
    private static void AddCapabilities(JsonObject plugin, SortedSet<string> into)
    {
        if (plugin["capabilities"] is JsonObject caps)
        {
            foreach (var (key, value) in caps)
            {
                if (value is JsonValue v && v.GetValueKind() == JsonValueKind.True)
                {
                    into.Add(key);
                }
            }
        }
    }

    private static string? String(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>One line, bounded: reasons end up in logs, metrics-adjacent status and terminal tables.</summary>
    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 160 ? line : line[..160] + "…";
    }
}
