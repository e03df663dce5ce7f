using System.Text.Json;
using System.Text.RegularExpressions;

namespace AotAgent.Resolution;

/// <summary>A list's chain: its inline <c>plugins</c>, the files of its plugin directory, and what Multus thin needs of it.</summary>
internal static partial class CniConfigParser
{
    /// <summary>Each element passes through libcni's re-marshal (sorted keys) before it is decoded as a plugin.</summary>
    private static string? InlinePlugins(JsonElement root, bool onlyInlined, List<string> types, SortedSet<string> capabilities)
    {
        if (GoJson.Exact(root, "plugins") is not { } plugins)
        {
            return !onlyInlined ? null
                : GoJson.Exact(root, "type") is not null ? "a single-plugin config in a .conflist file (no \"plugins\" array)"
                : "\"loadOnlyInlinedPlugins\" is true but there is no \"plugins\" array";
        }

        if (plugins.ValueKind != JsonValueKind.Array)
        {
            return $"\"plugins\" is {GoJson.Describe(plugins.ValueKind)}; libcni needs an array";
        }

        if (plugins.GetArrayLength() == 0)
        {
            return "\"plugins\" is empty";
        }

        var i = 0;
        foreach (var plugin in plugins.EnumerateArray())
        {
            var where = $"plugins[{i++}]";
            if (plugin.ValueKind != JsonValueKind.Object)
            {
                return plugin.ValueKind == JsonValueKind.Null ? $"{where} has no \"type\" string" : $"\"{where}\" is {GoJson.Describe(plugin.ValueKind)}; libcni needs an object";
            }

            var members = GoJson.SortedOrder(plugin);
            if (PluginConfRules.Check(members, where, out var type) is { } problem)
            {
                return problem;
            }

            types.Add(type);
            capabilities.UnionWith(PluginConfRules.TrueCapabilities(members));
        }

        return null;
    }

    /// <summary>libcni v1.3.0 appends <c>&lt;name&gt;/*.conf</c> (byte order); one that does not load fails the whole list.</summary>
    private static string? DirectoryPlugins(string name, PluginDirectory directory, List<string> types, SortedSet<string> capabilities)
    {
        if (directory.Problem is { } problem)
        {
            return $"{name}/: {problem}, so libcni refuses the list";
        }

        foreach (var file in directory.Files)
        {
            var where = $"{name}/{file.Name}";
            if (file.Content is not { } content)
            {
                return $"{where}: {file.Problem?.Reason ?? "unreadable"}, so libcni refuses the list";
            }

            if (BytesProblem(content) is { } bad)
            {
                return $"{where}: {bad}, so libcni refuses the list";
            }

            try
            {
                using var document = JsonDocument.Parse(content, Options);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return $"{where} is not a JSON object, so libcni refuses the list";
                }

                var members = GoJson.FileOrder(root);
                if (PluginConfRules.Check(members, where, out var type) is { } wrong)
                {
                    return wrong + ", so libcni refuses the list";
                }

                types.Add(type);
                capabilities.UnionWith(PluginConfRules.TrueCapabilities(members));
            }
            catch (JsonException ex)
            {
                return $"{where} is not valid JSON ({Shorten(ex.Message)}), so libcni refuses the list";
            }
        }

        return null;
    }

    /// <summary>
    /// Multus thin embeds the list as a delegate and decodes it with Go structs (case-insensitive keys; a delegate list
    /// without inline plugins is refused, and its plugin directory is never read).
    /// </summary>
    private static string? ThinDelegateProblem(JsonElement root, int inlinePlugins)
    {
        if (inlinePlugins == 0)
        {
            return "its plugins come only from its plugin directory, which Multus thin never reads (the delegate would have no plugins)";
        }

        foreach (var member in root.EnumerateObject())
        {
            var field = NetConfListFields.FirstOrDefault(f => GoJson.FoldEquals(member.Name, f) && member.Name != f);
            var wanted = field switch
            {
                "cniVersion" or "name" => member.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null ? null : "a string",
                "disableCheck" or "disableGC" => member.Value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null ? null : "true or false",
                "plugins" => "nothing (a second spelling of plugins)",
                _ => null,
            };
            if (wanted is not null)
            {
                return $"key \"{member.Name}\" is read by Multus thin as \"{field}\" and is {GoJson.Describe(member.Value.ValueKind)}; it needs {wanted}";
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex NetworkNamePattern();
}
