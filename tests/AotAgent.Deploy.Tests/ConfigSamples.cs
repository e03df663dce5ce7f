using AotAgent.Rendering;

namespace AotAgent.Deploy.Tests;

/// <summary>
/// Values for every key the chart's <c>config</c> accepts: some the agent takes, some it refuses. The chart's schema and
/// the agent must agree on each; the few places where they may not, and why, are listed apart.
/// </summary>
internal static class ConfigSamples
{
    private static readonly string[] Paths = ["/etc/cni/net.d/10-aws.conflist", "/", "/run/multus/", " /x \n"];
    private static readonly string[] NotPaths = ["etc/cni", "./x", "~/x", "relative"];
    private static readonly string[] Bools = ["true", "false", "True", "FALSE", " true\n"];
    private static readonly string[] NotBools = ["yes", "1", "on", "tru", "true false"];
    private static readonly string[] Selectors =
    [
        "file:10-aws.conflist", "10-aws.conflist", "type:calico", "name:aws-cni", "plugin:istio-cni",
        "file:10-aws.conflist,type:calico", "file:10-aws.conflist\ntype:calico\n", " file:a , type:b ", "file:*.conflist",
        "type:aws-?ni", ",file:a,,", "file:a:b",
    ];

    private static readonly string[] NotSelectors = ["foo:bar", "File:x", "file:", "file:   ", ",,", "file:[ab]", "type :x", ":x", "file:a,foo:b"];

    /// <summary>Key, values the agent takes, values it refuses. Both must hold for the chart too.</summary>
    public static IReadOnlyDictionary<string, (string[] Good, string[] Bad)> ByKey { get; } = new Dictionary<string, (string[], string[])>
    {
        ["DryRun"] = (Bools, NotBools),
        ["Config__AllowEmpty"] = (Bools, NotBools),
        ["CleanupOnExit"] = (Bools, NotBools),
        ["Multus__LogToStderr"] = (Bools, NotBools),
        ["Multus__NamespaceIsolation"] = (Bools, NotBools),
        ["Primary__Prefer"] = (Selectors, NotSelectors),
        ["Primary__Exclude"] = (Selectors, NotSelectors),
        ["Primary__ReadyFile"] = (Paths, NotPaths),
        ["Multus__Kubeconfig"] = (Paths, NotPaths),
        ["Multus__ClusterNetworkDir"] = (Paths, NotPaths),
        ["Multus__DaemonSocketDir"] = (Paths, NotPaths),
        ["Multus__LogFile"] = (Paths, NotPaths),
        ["Multus__ReadinessIndicatorFile"] = (Paths, NotPaths),
        ["Multus__BinDir"] = (Paths, NotPaths),
        ["Multus__ConfDir"] = (Paths, NotPaths),
        ["Multus__DaemonConfig"] = (Paths, NotPaths),
        ["Runtime__CrioConfigDir"] = (Paths, NotPaths),
        ["Primary__InvalidGrace"] = (
            ["00:00:05", "0:0:0", "00:10:00", "00:09:59.9999999", "00:05", "00:10", "0:0:5"],
            ["5s", "5", "00:10:01", "00:10:00.0000001", "01:00:00", "00:00:60", "-00:00:05", "00:11"]),
        ["Watch__Resync"] = (
            ["00:00:30", "00:00:01", "01:00:00", "00:59:59", "0:1:0", "00:30", "01:00", "00:00:01.5"],
            ["5s", "30", "00:00:00", "00:00:00.9999999", "01:00:01", "01:00:00.0000001", "02:00:00", "00:00"]),
        ["Watch__PollInterval"] = (
            ["00:00:01", "00:00:00.050", "00:00:00.05", "00:00:00.1", "00:01:00", "00:00:59.9", "00:01"],
            ["00:00:00.049", "00:00:00", "00:01:00.0000001", "00:02:00", "1s", "50ms", "00:00:00.0499999"]),
        ["Multus__Mode"] = (["thick", "thin", "Thick", "THIN"], ["thicc", "fat", "thick,thin"]),
        ["Multus__ConfName"] = (["00-multus", "01_multus.v2", "-x"], [".hidden", "a/b", "a b", new string('a', 129)]),
        ["Multus__NetworkName"] = (["multus-cni-network", "any name at all"], []),
        ["Multus__CniVersion"] = (["0.3.1", "1.0.0", "1", "1.0"], ["v1.0.0", "1.0.0-rc1", "1.0.0.0", "abc", "1234567.0"]),
        ["Multus__LogLevel"] = (["debug", "error", "panic", "verbose"], ["Debug", "info", "DEBUG"]),
        ["Multus__GlobalNamespaces"] = (
            ["kube-system", "default,kube-system", "a, b", "kube-system\ndefault"],
            ["Kube-System", "-a", "a_b", ",,", "a,B"]),
        ["Multus__ExtraJson"] = (
            ["{\"multusNamespace\":\"kube-system\"}", "{\"a\":{\"b\":[1,2]}}", "{}", "{\"Type\":\"near miss\"}"],
            [.. new[] { "[1]", "{", "not json", "{\"a\":1},{\"b\":2}", "{\"a\":1,\"b\"}" }, .. MultusConfigRenderer.OwnedKeys.Select(k => $"{{\"{k}\":\"x\"}}")]),
        ["Output__FileMode"] = (["0600", "600", "0644", "0640", "0700", "0755"], ["0666", "0400", "0200", "0800", "06000", "rw-r--r--", "0602"]),
        ["Output__ConflictBudget"] = (["1", "5", "1000", "+5", "005"], ["0", "1001", "-1", "five", "5.0"]),
        ["Runtime__Kind"] = (["containerd", "crio", "CRI-O", "Containerd"], ["docker", "cri_o"]),
        ["Http__Address"] = (
            ["::", "0.0.0.0", "10.0.0.5", "fd00::5", "::1", "2001:db8::1", "::ffff:10.0.0.1", "fe80::1:2:3:4", "FD00::5", "1::"],
            ["localhost", "10.1", "010.0.0.1", "[::1]", "fe80::1%eth0", "10.0.0.256", "1.2.3.4.5", "gggg::1", "1:2:3:4:5:6:7:8:9", "1:::2"]),
        ["Http__Port"] = (["9747", " 9747\n", "+9747", "09747"], ["abc", "70000", "-1", "97.47"]),
        ["Http__ProbePort"] = (["9748"], ["abc", "65536"]),
        ["CniDir"] = (["/host/etc/cni/net.d"], ["relative"]),
        ["ConfigDir"] = (["/etc/aot-agent"], ["relative"]),
        ["Logging__LogLevel__Default"] = (["Information", "warning", "NONE", "Trace"], ["Loud", "Info", "Verbose", "3"]),
        ["Logging__Console__FormatterName"] = (["json", "JSON"], ["systemd", "text"]),
        ["Logging__LogLevel__Microsoft.AspNetCore"] = (["Warning", "error"], ["Loud"]),
        ["Logging__Console__LogLevel__Default"] = (["Debug"], ["Loud"]),
        ["Logging__Console__TimestampFormat"] = (["HH:mm:ss "], []),
    };

    /// <summary>Keys the chart also sets in the environment or through its mounts: the render compares them with those.</summary>
    public static IReadOnlySet<string> ChartOwned { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "CniDir", "ConfigDir", "Http__Port", "Http__ProbePort", "Logging__Console__FormatterName", "Multus__ExtraJson",
    };

    /// <summary>The agent takes these, the chart refuses them, on purpose.</summary>
    public static IReadOnlyList<(string Key, string Value, string Why)> ChartStricter { get; } =
    [
        ("Watch__Resync", "0.00:00:30", "durations are hh:mm[:ss[.fffffff]] in the chart; .NET also reads a day count in front"),
        ("Primary__InvalidGrace", "000:00:05", "durations are hh:mm[:ss[.fffffff]] in the chart; .NET also reads three-digit hours"),
        ("Http__Port", "8080", "the chart passes http.port in the environment, which would shadow this without a word"),
        ("Http__ProbePort", "19748", "the chart passes http.probePort in the environment"),
        ("Logging__Console__FormatterName", "simple", "the chart passes logFormat (json by default) in the environment"),
        ("CniDir", "/elsewhere", "the chart mounts hostCniDir at /host/etc/cni/net.d"),
        ("ConfigDir", "/etc/elsewhere", "the chart mounts the ConfigMap at /etc/aot-agent"),
    ];

    /// <summary>The agent refuses these, the chart lets them through: what no schema or template function can see.</summary>
    public static IReadOnlyList<(string Key, string Value, string Why)> ChartLooser { get; } =
    [
        ("Multus__ExtraJson", "{\"a\":1,\"a\":2}", "Go's JSON decoder keeps the last of two equal keys; the agent refuses the duplicate"),
        ("Multus__ExtraJson", "{\"a\":" + new string('[', 40) + "1" + new string(']', 40) + "}", "the agent reads at most 32 levels; Go reads 10,000"),
    ];
}
