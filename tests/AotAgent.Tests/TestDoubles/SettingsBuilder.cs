using AotAgent.Configuration;

namespace AotAgent.Tests.TestDoubles;

/// <summary>Builds <see cref="AgentSettings"/> the way the agent does (operator keys through SettingsParser), failing on any error.</summary>
internal sealed class SettingsBuilder
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CniDir"] = "/cni",
        ["ConfigDir"] = "/config",
    };

    /// <summary>Sets a key by its operator spelling, e.g. <c>Set("Multus__ConfName", "01-multus")</c>.</summary>
    public SettingsBuilder Set(string key, string? value)
    {
        _values[KeySpelling.ToPath(key)] = value;
        return this;
    }

    public SettingsBuilder Prefer(string prefer) => Set("Primary__Prefer", prefer);

    public SettingsBuilder Exclude(string exclude) => Set("Primary__Exclude", exclude);

    public SettingsBuilder Thin() => Set("Multus__Mode", "thin");

    public SettingsBuilder Thick() => Set("Multus__Mode", "thick");

    public AgentSettings Build()
    {
        var settings = SettingsParser.Parse(_values, out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("test settings are invalid: " + string.Join("; ", errors));
        }

        return settings;
    }

    public static AgentSettings Default() => new SettingsBuilder().Build();
}
