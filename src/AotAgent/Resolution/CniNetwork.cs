using System.Text.Json.Nodes;

namespace AotAgent.Resolution;

/// <summary>
/// A validated CNI network config: what the resolver decides on and the renderer embeds. <see cref="Json"/> is kept only
/// while needed (the primary); other files are remembered without it.
/// </summary>
internal sealed record CniNetwork(
    string Name,
    string CniVersion,
    string MainType,
    IReadOnlyList<string> PluginTypes,
    IReadOnlyList<string> Capabilities,
    bool IsList,
    JsonObject? Json)
{
    /// <summary>The version libcni gives the list (its <c>cniVersions</c> rule); the same as <see cref="CniVersion"/> otherwise.</summary>
    public string? RuntimeCniVersion { get; init; }

    /// <summary>A Multus config, by any plugin type or a list's own top-level <c>type</c> (a copied Multus config).</summary>
    public bool IsMultus { get; init; }

    /// <summary>What loads, but not as written or not everywhere: duplicate keys, string booleans, extra plugins.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The plugin types as one string, to find copies of a chain without comparing every pair of files.</summary>
    public string ChainKey => field ??= string.Join('\u001F', PluginTypes);

    /// <summary>Whether <paramref name="other"/> says the same as this, JSON tree aside (the same file read twice).</summary>
    public bool SameSummary(CniNetwork other) =>
        Name == other.Name && CniVersion == other.CniVersion && MainType == other.MainType && IsList == other.IsList &&
        RuntimeCniVersion == other.RuntimeCniVersion && IsMultus == other.IsMultus &&
        PluginTypes.SequenceEqual(other.PluginTypes, StringComparer.Ordinal) && Capabilities.SequenceEqual(other.Capabilities, StringComparer.Ordinal);
}
