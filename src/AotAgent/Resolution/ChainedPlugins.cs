namespace AotAgent.Resolution;

/// <summary>
/// Plugins that run chained onto another network rather than being a pod's network themselves, and the copies that
/// installers make of a primary with such a plugin appended (istio-cni owned mode's <c>02-istio-cni.conflist</c>, Antrea's
/// chained <c>05-antrea.conflist</c>, Cilium's chained <c>05-cilium.conflist</c>). Without a <c>Primary__Prefer</c> rule the
/// agent never picks one of these over the file it came from: the same mistake Multus "auto" makes (aws-vpc-cni #2767).
/// </summary>
internal static class ChainedPlugins
{
    /// <summary>Types that need a previous result: never a primary when they come first (containernetworking/plugins meta plugins, mesh hooks).</summary>
    public static readonly IReadOnlySet<string> NeverFirst = new HashSet<string>(StringComparer.Ordinal)
    {
        "portmap", "bandwidth", "tuning", "sbr", "firewall", "vrf", "egress-cni",
        "istio-cni", "linkerd-cni", "kuma-cni", "multus", "multus-shim",
    };

    /// <summary>Types installers append to a copy of the primary's chain.</summary>
    public static readonly IReadOnlySet<string> Appended = new HashSet<string>(StringComparer.Ordinal)
    {
        "istio-cni", "linkerd-cni", "kuma-cni", "antrea", "cilium-cni",
    };

    /// <summary>The reason a chain cannot be a primary by itself, or null when it can.</summary>
    public static string? NotAPrimary(CniNetwork network) =>
        NeverFirst.Contains(network.MainType) ? $"its first plugin, {network.MainType}, only runs chained after another network's plugin"
        : network.PluginTypes is ["loopback"] ? "it only configures the loopback interface"
        : null;

    /// <summary>True when <paramref name="copy"/>'s chain is <paramref name="source"/>'s with only appended plugins after it.</summary>
    public static bool IsCopyOf(CniNetwork copy, CniNetwork source) =>
        copy.PluginTypes.Count > source.PluginTypes.Count &&
        copy.PluginTypes.Take(source.PluginTypes.Count).SequenceEqual(source.PluginTypes, StringComparer.Ordinal) &&
        copy.PluginTypes.Skip(source.PluginTypes.Count).All(Appended.Contains);

    /// <summary>What the copy appends, e.g. "istio-cni".</summary>
    public static string AppendedTo(CniNetwork copy, CniNetwork source) => string.Join(", ", copy.PluginTypes.Skip(source.PluginTypes.Count));
}
