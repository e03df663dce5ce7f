namespace AotAgent.Diagnostics;

internal sealed record SelectedReport(string File, string Network, string Type, string CniVersion, string Rule);
