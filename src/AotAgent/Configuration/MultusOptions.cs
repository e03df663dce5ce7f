namespace AotAgent.Configuration;

public sealed class MultusOptions
{
    /// <summary><c>thick</c> (multus-shim + clusterNetwork) or <c>thin</c> (multus + delegates).</summary>
    public string Mode { get; set; } = "thick";

    public string ConfName { get; set; } = "00-multus";

    public string NetworkName { get; set; } = "multus-cni-network";

    /// <summary>Thick: defaults to 0.3.1. Thin: defaults to the primary's cniVersion.</summary>
    public string? CniVersion { get; set; }

    public string Kubeconfig { get; set; } = "/etc/cni/net.d/multus.d/multus.kubeconfig";

    public string ClusterNetworkDir { get; set; } = "/host/etc/cni/net.d";

    public string? DaemonSocketDir { get; set; }

    public string? LogLevel { get; set; }

    public string? LogFile { get; set; }

    public bool? LogToStderr { get; set; }

    public bool? NamespaceIsolation { get; set; }

    public string? GlobalNamespaces { get; set; }

    public string? ReadinessIndicatorFile { get; set; }

    public string? BinDir { get; set; }

    public string? ConfDir { get; set; }

    /// <summary>A JSON object merged into the Multus config; keys the agent owns are refused.</summary>
    public string? ExtraJson { get; set; }

    /// <summary>Path of a mounted Multus daemon-config.json to lint against the agent's settings.</summary>
    public string? DaemonConfig { get; set; }
}
