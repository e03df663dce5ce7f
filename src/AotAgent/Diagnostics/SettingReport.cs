namespace AotAgent.Diagnostics;

/// <summary>One key in <c>explain --json</c> and <c>/status</c>: the value in force, its source, and the lower layers' values it shadows.</summary>
internal sealed record SettingReport(string Key, string? Value, string Source, IReadOnlyList<ShadowedSettingReport>? Shadowed);

/// <summary>A value a higher layer overrides (e.g. a ConfigMap key the environment also sets).</summary>
internal sealed record ShadowedSettingReport(string Source, string Value);
