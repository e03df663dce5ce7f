using System.Reflection;
using AotAgent.Configuration;

namespace AotAgent.Tests.Configuration;

/// <summary>
/// Ties the key catalog to the settings it fills: every documented default is the real default, and every settable
/// property of every stage's slice is set by exactly one key (a new field without a key, or a key that sets nothing,
/// fails here).
/// </summary>
public sealed class SettingKeysTests
{
    /// <summary>A valid value other than the default, for each key.</summary>
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["CniDir"] = "/etc/cni/net.d",
        ["ConfigDir"] = "/config",
        ["DryRun"] = "true",
        ["CleanupOnExit"] = "true",
        ["Config__AllowEmpty"] = "true",
        ["Primary__Prefer"] = "type:calico",
        ["Primary__Exclude"] = "plugin:istio-cni",
        ["Primary__ReadyFile"] = "/run/ready",
        ["Primary__InvalidGrace"] = "00:00:09",
        ["Multus__Mode"] = "thin",
        ["Multus__ConfName"] = "01-multus",
        ["Multus__NetworkName"] = "other",
        ["Multus__CniVersion"] = "1.0.0",
        ["Multus__Kubeconfig"] = "/k",
        ["Multus__ClusterNetworkDir"] = "/host/run/multus/cni/net.d",
        ["Multus__DaemonSocketDir"] = "/run/multus/socket",
        ["Multus__LogLevel"] = "debug",
        ["Multus__LogFile"] = "/var/log/multus.log",
        ["Multus__LogToStderr"] = "true",
        ["Multus__NamespaceIsolation"] = "true",
        ["Multus__GlobalNamespaces"] = "kube-system",
        ["Multus__ReadinessIndicatorFile"] = "/run/ready",
        ["Multus__BinDir"] = "/opt/cni/bin",
        ["Multus__ConfDir"] = "/etc/cni/multus/net.d",
        ["Multus__ExtraJson"] = """{"multusNamespace":"kube-system"}""",
        ["Multus__DaemonConfig"] = "/etc/multus/daemon-config.json",
        ["Output__FileMode"] = "0644",
        ["Output__ConflictBudget"] = "7",
        ["Watch__Resync"] = "00:01:00",
        ["Watch__PollInterval"] = "00:00:02",
        ["Runtime__Kind"] = "crio",
        ["Runtime__CrioConfigDir"] = "/host/etc/crio",
        ["Http__Address"] = "10.0.0.5",
        ["Http__Port"] = "9000",
        ["Http__ProbePort"] = "9001",
    };

    public static TheoryData<string> Keys => [.. SettingKeys.All.Select(k => k.Name)];

    private static AgentSettings With(string key, string value) =>
        SettingsParser.Parse([new(KeySpelling.ToPath(key), value)], out var errors) is var s && errors.Count == 0
            ? s
            : throw new InvalidOperationException(string.Join("; ", errors));

    /// <summary>"Slice.Property" → value, over AgentSettings' own scalar properties and every slice's init properties.</summary>
    private static Dictionary<string, object?> Flatten(AgentSettings settings)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in typeof(AgentSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(settings);
            if (value is null || property.PropertyType.Namespace?.StartsWith("AotAgent", StringComparison.Ordinal) != true)
            {
                result[property.Name] = value;
                continue;
            }

            foreach (var inner in property.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
            {
                var v = inner.GetValue(value);
                result[property.Name + "." + inner.Name] = v is System.Collections.IEnumerable e and not string ? string.Join(",", e.Cast<object>()) : v?.ToString();
            }
        }

        return result;
    }

    private static IEnumerable<string> Changed(AgentSettings settings)
    {
        var before = Flatten(new AgentSettings());
        return Flatten(settings).Where(p => !Equals(before[p.Key], p.Value)).Select(p => p.Key);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Default_WrittenOut_IsWhatAnUnsetKeyGives(string name)
    {
        var key = SettingKeys.All.Single(k => k.Name == name);
        if (key.Default is null)
        {
            return;
        }

        Assert.Empty(Changed(With(name, key.Default)));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Key_SetsExactlyOneProperty(string name)
    {
        Assert.True(Samples.TryGetValue(name, out var sample), $"add a sample value for {name}");

        Assert.Single(Changed(With(name, sample)));
    }

    [Fact]
    public void EverySettableProperty_IsSetBySomeKey()
    {
        var covered = SettingKeys.All.SelectMany(k => Changed(With(k.Name, Samples[k.Name]))).ToHashSet();

        var uncovered = Flatten(new AgentSettings()).Keys.Except(covered).ToList();

        Assert.True(uncovered.Count == 0, "no key sets " + string.Join(", ", uncovered));
    }

    [Fact]
    public void Names_AreUniqueAndSpelledAsOperatorsWriteThem()
    {
        Assert.Equal(SettingKeys.All.Count, SettingKeys.All.Select(k => k.Path).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(SettingKeys.All, k => Assert.DoesNotContain(':', k.Name));
        Assert.All(SettingKeys.All, k => Assert.Equal(k, SettingKeys.Find(k.Path.ToUpperInvariant())));
    }
}
