using System.Text.Json;

namespace AotAgent.Resolution;

/// <summary>A <c>.conflist</c>, as libcni v1.3.0's <c>NetworkConfFromFile</c> loads it (the list level is a Go map: exact keys).</summary>
internal static partial class CniConfigParser
{
    private static readonly string[] ListBooleans = ["disableCheck", "disableGC", "loadOnlyInlinedPlugins"];

    /// <summary>The list-level fields Multus thin decodes its delegate into (Go struct NetConfList: case-insensitive).</summary>
    private static readonly string[] NetConfListFields = ["cniVersion", "name", "disableCheck", "disableGC", "plugins"];

    private static CniNetwork? ParseList(JsonElement root, ParseContext context, string? agentProblem, out string? problem)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = root.ValueKind == JsonValueKind.Null ? "no \"name\" string" : "not a JSON object";
            return null;
        }

        // libcni's checks, in libcni's order; the agent's own rules come after, once libcni would load the list.
        var warnings = new List<string>();
        var (name, cniVersion, booleans) = (GoJson.Exact(root, "name"), GoJson.Exact(root, "cniVersion"), new Dictionary<string, bool>());
        var versions = new List<string>();
        problem = name is null ? "no \"name\" string"
            : name.Value.ValueKind != JsonValueKind.String ? $"\"name\" is {GoJson.Describe(name.Value.ValueKind)}; libcni needs a string"
            : cniVersion is { ValueKind: not JsonValueKind.String } v ? $"\"cniVersion\" is {GoJson.Describe(v.ValueKind)}; libcni needs a string"
            : CniVersions(root, GoJson.String(cniVersion) ?? string.Empty, versions) ?? Booleans(root, booleans, warnings);
        if (problem is not null)
        {
            return null;
        }

        var types = new List<string>();
        var capabilities = new SortedSet<string>(StringComparer.Ordinal);
        var networkName = GoJson.String(name)!;
        problem = InlinePlugins(root, booleans["loadOnlyInlinedPlugins"], types, capabilities, warnings);
        var inline = types.Count;
        if (problem is null && !booleans["loadOnlyInlinedPlugins"])
        {
            problem = DirectoryPlugins(networkName, context.PluginDirectories(networkName), types, capabilities, ref agentProblem);
        }

        problem ??= types.Count == 0
            ? GoJson.Exact(root, "type") is not null
                ? "a single-plugin config in a .conflist file (no \"plugins\" array)"
                : $"no plugins: no \"plugins\" array and no .conf files in {PluginPath(networkName, string.Empty)}"
            : null;
        problem ??= Agent(agentProblem ?? NetworkName(networkName) ?? Version(GoJson.String(cniVersion)) ?? (context.ThinDelegate ? ThinDelegateProblem(root, inline) : null));
        if (problem is not null)
        {
            return null;
        }

        if (types.Count > inline)
        {
            warnings.Add($"libcni (containerd, CRI-O) appends {types.Count - inline} plugin(s) from {PluginPath(networkName, string.Empty)} to the chain: {string.Join(", ", types.Skip(inline))}");
        }

        warnings.AddRange(root.EnumerateObject().Where(m => NetConfListFields.Concat(ListBooleans).Any(f => GoJson.FoldEquals(m.Name, f) && m.Name != f))
            .Select(m => $"key \"{m.Name}\" is ignored by libcni (list keys are case-sensitive) but read by Multus thin as \"{NetConfListFields.Concat(ListBooleans).First(f => GoJson.FoldEquals(m.Name, f))}\""));
        var json = Node(root, warnings, context.Tree);
        var raw = GoJson.String(cniVersion)!;
        var listType = GoJson.String(GoJson.Exact(root, "type"));
        return new CniNetwork(networkName, raw, types[0], types, [.. capabilities], true, json)
        {
            RuntimeCniVersion = CniVersion.Effective(raw, versions),
            IsMultus = types.Any(IsMultusType) || IsMultusType(listType),
            Warnings = warnings,
        };
    }

    /// <summary>
    /// Stricter than libcni, which loads any string: Multus refuses other names for a conflist, and libcni reads
    /// <c>&lt;CniDir&gt;/&lt;name&gt;/</c>, which for "", "." or ".." is CniDir itself or its parent.
    /// </summary>
    private static string? NetworkName(string? name) =>
        name is not null && NetworkNamePattern().IsMatch(name) ? null
        : $"network name \"{Shorten(name ?? string.Empty)}\" is not letters, digits, '_', '.', '-' starting with a letter or digit, which Multus requires (and libcni would read plugins from {(string.IsNullOrEmpty(name) ? "CniDir itself" : "that path")})";

    /// <summary>libcni v1.3.0: <c>cniVersions</c>, when present, is an array of version strings, and then a non-empty cniVersion must parse too.</summary>
    private static string? CniVersions(JsonElement root, string cniVersion, List<string> versions)
    {
        if (GoJson.Exact(root, "cniVersions") is not { } list)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return $"\"cniVersions\" is {GoJson.Describe(list.ValueKind)}; libcni needs an array of version strings";
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (GoJson.String(item) is not { } text)
            {
                return $"\"cniVersions[{i}]\" is {GoJson.Describe(item.ValueKind)}; libcni needs a version string";
            }

            if (!CniVersion.TryParseLibcni(text, out _, out var why))
            {
                return $"\"cniVersions[{i}]\" is not a version libcni accepts: {Shorten(why!)}";
            }

            versions.Add(text);
            i++;
        }

        return cniVersion.Length > 0 && !CniVersion.TryParseLibcni(cniVersion, out _, out var bad)
            ? $"cniVersion is not a version libcni accepts, which it must be when \"cniVersions\" is present: {Shorten(bad!)}"
            : null;
    }

    /// <summary>libcni's readBool: a JSON boolean, or (libcni ≥ 1.2) the string true or false in any case.</summary>
    private static string? Booleans(JsonElement root, Dictionary<string, bool> values, List<string> warnings)
    {
        foreach (var key in ListBooleans)
        {
            var value = GoJson.Exact(root, key);
            var text = GoJson.String(value)?.ToLowerInvariant();
            values[key] = value?.ValueKind == JsonValueKind.True || text == "true";
            if (value is null or { ValueKind: JsonValueKind.True or JsonValueKind.False })
            {
                continue;
            }

            if (text is not ("true" or "false"))
            {
                return $"\"{key}\" is {(text is null ? GoJson.Describe(value.Value.ValueKind) : $"\"{Shorten(text)}\"")}; libcni needs true or false";
            }

            warnings.Add($"\"{key}\" is the string \"{text}\": libcni 1.2+ accepts it, libcni 1.1 (containerd 1.7) refuses it");
        }

        return null;
    }
}
