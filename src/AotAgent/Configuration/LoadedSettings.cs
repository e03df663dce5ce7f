using Microsoft.Extensions.Configuration;

namespace AotAgent.Configuration;

/// <summary>
/// One validated reading of every layer: the settings, the merged configuration (for .NET logging), the ConfigMap
/// snapshot it came from, and every key's value in force with its source.
/// </summary>
internal sealed record LoadedSettings(AgentSettings Settings, IConfigurationRoot Configuration, ConfigMapSnapshot ConfigMap, IReadOnlyList<SettingValue> Values)
{
    /// <summary>ConfigMap keys a higher layer overrides: the operator's edit to them has no effect.</summary>
    public IEnumerable<SettingValue> ShadowedConfigMapKeys => Values.Where(v => v.ShadowedConfigMapValue is not null);

    /// <summary>Equal for two readings that would configure the same thing and show the same sources (shadowed values included).</summary>
    public string Fingerprint() =>
        string.Join('\n', Values.Select(v => v.Key + "\t" + v.Source.Name() + "\t" + v.Value + "\t" + string.Join("\t", v.Shadowed.Select(s => s.Source.Name() + "=" + s.Value))));
}
