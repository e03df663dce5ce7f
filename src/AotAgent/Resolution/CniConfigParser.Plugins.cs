using System.Text.Json;
using System.Text.RegularExpressions;

namespace AotAgent.Resolution;

/// <summary>A list's chain: its inline <c>plugins</c>, the files of its plugin directory, and what Multus thin needs of it.</summary>
internal static partial class CniConfigParser
{
    /// <summary>Each element passes through libcni's re-marshal (sorted keys) before it is decoded as a plugin.</summary>
    private static string? InlinePlugins(JsonElement root, bool onlyInlined, List<string> types, SortedSet<string> capabilities, List<string> warnings)
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
            warnings.AddRange(CaseVariants(GoJson.FileOrder(plugin), where + ": "));
        }

        return null;
    }

    /// <summary>libcni v1.3.0 appends <c>&lt;name&gt;/*.conf</c> (byte order); one that does not load fails the whole list.</summary>
    private static string? DirectoryPlugins(string name, PluginDirectory directory, List<string> types, SortedSet<string> capabilities, ref string? agentProblem)
    {
        if (name.Contains('\0'))
        {
            return "the network name contains a NUL character, so libcni cannot open its plugin directory and refuses the list";
        }

        if (directory.Problem is { } problem)
        {
            return $"{PluginPath(name, string.Empty)}: {problem}, so libcni refuses the list";
        }

        foreach (var file in directory.Files)
        {
            var where = PluginPath(name, file.Name);
            if (file.Content is not { } content)
            {
                return $"{where}: {file.Problem?.Reason ?? "unreadable"}, so libcni refuses the list";
            }

            // A plugin file is decoded as a Go struct only: numbers beyond a float64 in free keys load.
            using var document = Load(content, mapDecode: false, out var bad, out var agentOnly);
            if (document is null)
            {
                return $"{where}: {bad}, so libcni refuses the list";
            }

            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return root.ValueKind == JsonValueKind.Null ? $"{where} has no \"type\" string, so libcni refuses the list" : $"{where} is not a JSON object, so libcni refuses the list";
            }

            var members = GoJson.FileOrder(root);
            if (PluginConfRules.Check(members, where, out var type) is { } wrong)
            {
                return wrong + ", so libcni refuses the list";
            }

            agentProblem ??= agentOnly is null ? null : $"{where}: {agentOnly}";
            types.Add(type);
            capabilities.UnionWith(PluginConfRules.TrueCapabilities(members));
        }

        return null;
    }

    /// <summary>Where libcni looks for a list's plugin files, relative to CniDir ("" and "." are CniDir itself).</summary>
    private static string PluginPath(string name, string file) =>
        name.Length == 0 ? (file.Length == 0 ? "CniDir itself" : file) : $"{name}/{file}";

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

        foreach (var key in ListBooleans.Where(k => k != "loadOnlyInlinedPlugins"))
        {
            if (GoJson.String(GoJson.Exact(root, key)) is { } text)
            {
                return $"\"{key}\" is the string \"{Shorten(text)}\": libcni 1.2+ accepts it, but Multus thin decodes its delegate with Go structs and needs a JSON boolean";
            }
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
