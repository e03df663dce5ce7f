namespace AotAgent.Configuration;

/// <summary>
/// The configuration in force as the daemon reports it: its generation, every key's value and source, and a notice
/// while something about the ConfigMap needs the operator (an emptied or removed ConfigMap whose defaults were not applied).
/// </summary>
internal sealed record ConfigurationView(long Generation, IReadOnlyList<SettingValue> Values, string? Notice);
