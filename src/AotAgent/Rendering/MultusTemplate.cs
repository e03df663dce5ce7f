using System.Text.Json.Nodes;

namespace AotAgent.Rendering;

/// <summary>What the Multus config looks like around the primary (<c>Multus__*</c>).</summary>
internal sealed record MultusTemplate
{
    public const string ThickDefaultCniVersion = "0.3.1";

    public MultusMode Mode { get; init; } = MultusMode.Thick;

    public string NetworkName { get; init; } = "multus-cni-network";

    /// <summary>As set; null means the default: 0.3.1 in thick mode, the primary's in thin mode.</summary>
    public string? CniVersion { get; init; }

    public string Kubeconfig { get; init; } = "/etc/cni/net.d/multus.d/multus.kubeconfig";

    /// <summary>CniDir as the Multus daemon sees it (thick <c>clusterNetwork</c> paths are opened inside its container).</summary>
    public string ClusterNetworkDir { get; init; } = "/host/etc/cni/net.d";

    public string? DaemonSocketDir { get; init; }

    public string? LogLevel { get; init; }

    public string? LogFile { get; init; }

    public bool? LogToStderr { get; init; }

    public bool? NamespaceIsolation { get; init; }

    /// <summary>Comma-separated namespace names, already normalised.</summary>
    public string? GlobalNamespaces { get; init; }

    public string? ReadinessIndicatorFile { get; init; }

    public string? BinDir { get; init; }

    public string? ConfDir { get; init; }

    /// <summary>More top-level keys for the Multus config; keys the agent writes itself are refused at load.</summary>
    public JsonObject? ExtraJson { get; init; }

    /// <summary>A mounted Multus thick daemon-config.json to lint against this template.</summary>
    public string? DaemonConfig { get; init; }

    /// <summary>The cniVersion written in thick mode, and the one Multus checks delegates against.</summary>
    public string? EffectiveCniVersion => Mode == MultusMode.Thick ? CniVersion ?? ThickDefaultCniVersion : CniVersion;
}
