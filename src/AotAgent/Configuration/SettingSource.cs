namespace AotAgent.Configuration;

/// <summary>Where a key's value in force comes from, lowest precedence first.</summary>
internal enum SettingSource
{
    Default,
    ConfigMap,
    Environment,
    CommandLine,
}

/// <summary>The names sources go by in <c>explain</c>, <c>/status</c> and the log.</summary>
internal static class SettingSourceNames
{
    public static string Name(this SettingSource source) => source switch
    {
        SettingSource.ConfigMap => "configmap",
        SettingSource.Environment => "environment",
        SettingSource.CommandLine => "command-line",
        _ => "default",
    };
}

/// <summary>A value a higher layer overrides: it is not in force.</summary>
internal sealed record ShadowedValue(SettingSource Source, string Value);

/// <summary>
/// One key as it stands: the value in force (cleaned; null when unset and without default), where it comes from, and
/// the values of lower layers it shadows.
/// </summary>
internal sealed record SettingValue(string Key, string? Value, SettingSource Source, IReadOnlyList<ShadowedValue> Shadowed)
{
    /// <summary>The ConfigMap's value when a higher layer (environment, command line) overrides it.</summary>
    public string? ShadowedConfigMapValue => Shadowed.FirstOrDefault(s => s.Source == SettingSource.ConfigMap)?.Value;
}
