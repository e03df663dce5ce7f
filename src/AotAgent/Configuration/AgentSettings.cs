using AotAgent.Output;
using AotAgent.Rendering;
using AotAgent.Resolution;
using AotAgent.Watching;

namespace AotAgent.Configuration;

/// <summary>
/// Validated settings, composed of the slice each stage reads. The only form of configuration the pipeline sees; built
/// by <see cref="SettingsParser"/> from the keys in <see cref="SettingKeys"/>.
/// </summary>
internal sealed record AgentSettings
{
    public const string DefaultCniDir = "/host/etc/cni/net.d";

    public const string DefaultConfigDir = "/etc/aot-agent";

    /// <summary>The directory the container runtime loads CNI configs from, as the agent sees it.</summary>
    public string CniDir { get; init; } = DefaultCniDir;

    /// <summary>The mounted ConfigMap: one file per key, re-read live.</summary>
    public string ConfigDir { get; init; } = DefaultConfigDir;

    /// <summary>
    /// <c>Config__AllowEmpty</c>: an emptied or removed ConfigMap applies the defaults. Without it the last good
    /// configuration stays in force when a ConfigMap that had keys becomes empty or disappears.
    /// </summary>
    public bool AllowEmptyConfigMap { get; init; }

    public PrimaryRules Primary { get; init; } = new();

    public MultusTemplate Multus { get; init; } = new();

    public OutputPolicy Output { get; init; } = new();

    public WatchTiming Watch { get; init; } = new();

    public RuntimeModel Runtime { get; init; } = new();

    public HttpSettings Http { get; init; } = new();
}
