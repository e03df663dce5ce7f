namespace AotAgent.Configuration;

/// <summary>Every key the agent reads. A key outside this set (a typo) is a configuration error, not silently ignored.</summary>
public static class ConfigurationKeys
{
    public const string EnvironmentPrefix = "AOTAGENT_";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "CniDir", "ConfigDir", "DryRun", "CleanupOnExit",
        "Primary:Prefer", "Primary:Exclude", "Primary:ReadyFile", "Primary:InvalidGrace",
        "Multus:Mode", "Multus:ConfName", "Multus:NetworkName", "Multus:CniVersion", "Multus:Kubeconfig",
        "Multus:ClusterNetworkDir", "Multus:DaemonSocketDir", "Multus:LogLevel", "Multus:LogFile",
        "Multus:LogToStderr", "Multus:NamespaceIsolation", "Multus:GlobalNamespaces",
        "Multus:ReadinessIndicatorFile", "Multus:BinDir", "Multus:ConfDir", "Multus:ExtraJson", "Multus:DaemonConfig",
        "Output:FileMode", "Output:ConflictBudget",
        "Watch:Resync", "Watch:PollInterval",
        "Http:Address", "Http:Port",
    };

    /// <summary>Keys under this section belong to the .NET logging system.</summary>
    public const string LoggingSection = "Logging";

    public static bool IsKnown(string key) =>
        All.Contains(key) ||
        key.StartsWith(LoggingSection + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>The operator's spelling: <c>Primary:Prefer</c> becomes <c>Primary__Prefer</c>.</summary>
    public static string Display(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
