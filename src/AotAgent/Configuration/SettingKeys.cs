using AotAgent.Rendering;
using AotAgent.Resolution;

namespace AotAgent.Configuration;

/// <summary>
/// Every key the agent reads, with its default, its rule and where it lands: the single source of truth (the README's
/// table, the chart's schema and the tests are checked against it). A key outside this list is refused as a typo.
/// </summary>
internal static class SettingKeys
{
    /// <summary>Keys under this section go to .NET logging as they are.</summary>
    public const string LoggingSection = "Logging";

    private const string Selectors = "selectors separated by commas or newlines, each file:, name:, type: or plugin: and a glob (a bare word means file:)";
    private const string Path = "an absolute path (starting with /)";

    public static IReadOnlyList<SettingKey> All { get; } =
    [
        SettingKey.Create<string>("CniDir", AgentSettings.DefaultCniDir, Path, "the CNI config directory as the agent sees it",
            Parse.AbsolutePath, (s, v) => s with { CniDir = v }),
        SettingKey.Create<string>("ConfigDir", AgentSettings.DefaultConfigDir, Path, "the mounted ConfigMap directory (one file per key)",
            Parse.AbsolutePath, (s, v) => s with { ConfigDir = v }),
        SettingKey.Create<bool>("DryRun", "false", "true or false", "decide and report, never write",
            Parse.Bool, (s, v) => s with { Output = s.Output with { DryRun = v } }),
        SettingKey.Create<bool>("Config__AllowEmpty", "false", "true or false", "an emptied or removed ConfigMap applies the defaults (else the last good configuration stays)",
            Parse.Bool, (s, v) => s with { AllowEmptyConfigMap = v }),
        SettingKey.Create<bool>("CleanupOnExit", "false", "true or false", "remove the output when the daemon stops",
            Parse.Bool, (s, v) => s with { Output = s.Output with { CleanupOnExit = v } }),

        SettingKey.Create<IReadOnlyList<Selector>>("Primary__Prefer", null, Selectors, "ordered selectors; the first that matches a valid file decides",
            Parse.Selectors, (s, v) => s with { Primary = s.Primary with { Prefer = v } }),
        SettingKey.Create<IReadOnlyList<Selector>>("Primary__Exclude", null, Selectors, "selectors whose matches are never chosen",
            Parse.Selectors, (s, v) => s with { Primary = s.Primary with { Exclude = v } }),
        SettingKey.Create<string?>("Primary__ReadyFile", null, Path, "write nothing until this path exists",
            Parse.NullableAbsolutePath, (s, v) => s with { Primary = s.Primary with { ReadyFile = v } }),
        SettingKey.Create<TimeSpan>("Primary__InvalidGrace", "00:00:05", "a TimeSpan from 00:00:00 to 00:10:00 (hh:mm:ss)", "how long a mid-write primary is held",
            Parse.Duration(TimeSpan.Zero, TimeSpan.FromMinutes(10)), (s, v) => s with { Primary = s.Primary with { InvalidGrace = v } }),

        SettingKey.Create<MultusMode>("Multus__Mode", "thick", "thick or thin", "multus-shim + clusterNetwork (thick) or multus + delegates (thin)",
            Parse.Mode, (s, v) => s with { Multus = s.Multus with { Mode = v } }),
        SettingKey.Create<string>("Multus__ConfName", "00-multus", "a file name without extension: letters, digits, '.', '_', '-', not starting with '.' (e.g. 00-multus)", "the output's name (.conf or .conflist is added)",
            Parse.ConfName, (s, v) => s with { Output = s.Output with { ConfName = v } }),
        SettingKey.Create<string>("Multus__NetworkName", "multus-cni-network", "a non-empty network name", "the Multus network's name",
            Parse.Text, (s, v) => s with { Multus = s.Multus with { NetworkName = v } }),
        SettingKey.Create<string?>("Multus__CniVersion", null, "a CNI spec version such as 0.3.1, 0.4.0, 1.0.0", "the output's cniVersion (thick: 0.3.1; thin: the primary's)",
            Parse.CniVersion, (s, v) => s with { Multus = s.Multus with { CniVersion = v } }),
        SettingKey.Create<string>("Multus__Kubeconfig", "/etc/cni/net.d/multus.d/multus.kubeconfig", Path, "the kubeconfig path written into the output",
            Parse.AbsolutePath, (s, v) => s with { Multus = s.Multus with { Kubeconfig = v } }),
        SettingKey.Create<string>("Multus__ClusterNetworkDir", "/host/etc/cni/net.d", Path, "CniDir as the Multus daemon sees it (thick clusterNetwork)",
            Parse.AbsolutePath, (s, v) => s with { Multus = s.Multus with { ClusterNetworkDir = v } }),
        Optional("Multus__DaemonSocketDir", "daemonSocketDir (thick)", (s, v) => s with { Multus = s.Multus with { DaemonSocketDir = v } }),
        SettingKey.Create<string>("Multus__LogLevel", null, "one of debug, error, panic, verbose", "logLevel",
            Parse.OneOf("debug", "error", "panic", "verbose"), (s, v) => s with { Multus = s.Multus with { LogLevel = v } }),
        Optional("Multus__LogFile", "logFile", (s, v) => s with { Multus = s.Multus with { LogFile = v } }),
        SettingKey.Create<bool?>("Multus__LogToStderr", null, "true or false", "logToStderr",
            Parse.NullableBool, (s, v) => s with { Multus = s.Multus with { LogToStderr = v } }),
        SettingKey.Create<bool?>("Multus__NamespaceIsolation", null, "true or false", "namespaceIsolation",
            Parse.NullableBool, (s, v) => s with { Multus = s.Multus with { NamespaceIsolation = v } }),
        SettingKey.Create<string?>("Multus__GlobalNamespaces", null, "comma-separated Kubernetes namespace names", "globalNamespaces",
            Parse.Namespaces, (s, v) => s with { Multus = s.Multus with { GlobalNamespaces = v } }),
        Optional("Multus__ReadinessIndicatorFile", "readinessindicatorfile", (s, v) => s with { Multus = s.Multus with { ReadinessIndicatorFile = v } }),
        Optional("Multus__BinDir", "binDir", (s, v) => s with { Multus = s.Multus with { BinDir = v } }),
        Optional("Multus__ConfDir", "confDir", (s, v) => s with { Multus = s.Multus with { ConfDir = v } }),
        SettingKey.Create("Multus__ExtraJson", null, "a JSON object such as {\"multusNamespace\":\"kube-system\"}", "more top-level keys for the Multus config",
            Parse.JsonObjectWithout(MultusConfigRenderer.OwnedKeys), (s, v) => s with { Multus = s.Multus with { ExtraJson = v } }),
        Optional("Multus__DaemonConfig", "a mounted Multus thick daemon-config.json to lint", (s, v) => s with { Multus = s.Multus with { DaemonConfig = v } }),

        SettingKey.Create<UnixFileMode>("Output__FileMode", "0600", "octal permission bits such as 0600 or 0644, owner read and write required, no world write", "permission bits of the output",
            Parse.FileMode, (s, v) => s with { Output = s.Output with { FileMode = v } }),
        SettingKey.Create<int>("Output__ConflictBudget", "5", "an integer from 1 to 1000 (restores per minute)", "restores per minute after another writer changed the output",
            Parse.Int(1, 1000), (s, v) => s with { Output = s.Output with { ConflictBudget = v } }),

        SettingKey.Create<TimeSpan>("Watch__Resync", "00:00:30", "a TimeSpan from 00:00:01 to 01:00:00 (hh:mm:ss)", "full re-scan interval",
            Parse.Duration(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)), (s, v) => s with { Watch = s.Watch with { Resync = v } }),
        SettingKey.Create<TimeSpan>("Watch__PollInterval", "00:00:01", "a TimeSpan from 00:00:00.050 to 00:01:00 (hh:mm:ss)", "scan interval while notifications are unavailable",
            Parse.Duration(TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1)), (s, v) => s with { Watch = s.Watch with { PollInterval = v } }),

        SettingKey.Create<RuntimeKind>("Runtime__Kind", "containerd", "containerd or crio", "the runtime that loads CniDir, whose rules decide what it loads first",
            Parse.Runtime, (s, v) => s with { Runtime = s.Runtime with { Kind = v } }),
        SettingKey.Create<string?>("Runtime__CrioConfigDir", null, Path, "CRI-O's configuration directory (crio.conf, crio.conf.d/) as mounted, to read cni_default_network",
            Parse.NullableAbsolutePath, (s, v) => s with { Runtime = s.Runtime with { CrioConfigDir = v } }),

        SettingKey.Create<string>("Http__Address", "::", "an IP address literal: :: (dual-stack), 0.0.0.0 (IPv4 only), or one address such as 10.0.0.5 or fd00::5", "HTTP bind address",
            Parse.IpLiteral, (s, v) => s with { Http = s.Http with { Address = v } }),
        SettingKey.Create<int>("Http__Port", "9747", "an integer from 0 to 65535 (0 disables HTTP)", "HTTP port",
            Parse.Int(0, 65535), (s, v) => s with { Http = s.Http with { Port = v } }),
        SettingKey.Create<int>("Http__ProbePort", "9748", "an integer from 0 to 65535, not Http__Port (0: no probe listener)", "port of the 127.0.0.1 probe listener (/healthz, /readyz)",
            Parse.Int(0, 65535), (s, v) => s with { Http = s.Http with { ProbePort = v } }),
    ];

    private static readonly Dictionary<string, SettingKey> ByPath = All.ToDictionary(k => k.Path, StringComparer.OrdinalIgnoreCase);

    /// <summary>The key for a configuration path (<c>Primary:Prefer</c>), matched case-insensitively as .NET configuration does.</summary>
    public static SettingKey? Find(string path) => ByPath.GetValueOrDefault(path);

    public static bool IsLogging(string path) => path.StartsWith(LoggingSection + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>The logging keys the agent documents, with their defaults (any other key under Logging__ goes to .NET logging as it is).</summary>
    public static IReadOnlyList<(string Name, string Path, string? Default)> LoggingDefaults { get; } =
    [
        ("Logging__LogLevel__Default", "Logging:LogLevel:Default", "Information"),
        ("Logging__Console__FormatterName", "Logging:Console:FormatterName", "simple"),
    ];

    /// <summary>
    /// The rules for keys under <c>Logging__</c>: a log level (any <c>...__LogLevel__Category</c>) is one of
    /// <see cref="LogLevels"/>, case-insensitive; the console formatter is simple or json. Returns the value as .NET
    /// logging should get it, or null and the error.
    /// </summary>
    public static string? CheckLogging(string path, string value, out ConfigError? error)
    {
        error = null;
        var name = KeySpelling.ToName(path);
        var segments = path.Split(':');
        if (segments.Length >= 3 && string.Equals(segments[^2], "LogLevel", StringComparison.OrdinalIgnoreCase))
        {
            var level = LogLevels.FirstOrDefault(l => string.Equals(l, value, StringComparison.OrdinalIgnoreCase));
            error = level is null ? new ConfigError(name, value, "expected a log level: one of " + string.Join(", ", LogLevels) + " (any case)") : null;
            return level;
        }

        if (string.Equals(path, "Logging:Console:FormatterName", StringComparison.OrdinalIgnoreCase))
        {
            var formatter = FormatterNames.FirstOrDefault(f => string.Equals(f, value, StringComparison.OrdinalIgnoreCase));
            error = formatter is null ? new ConfigError(name, value, "expected simple or json") : null;
            return formatter;
        }

        return value;
    }

    private static readonly string[] LogLevels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical", "None"];

    private static readonly string[] FormatterNames = ["simple", "json"];

    private static SettingKey Optional(string name, string description, Func<AgentSettings, string?, AgentSettings> set) =>
        SettingKey.Create(name, null, Path, description, Parse.NullableAbsolutePath, set);
}
