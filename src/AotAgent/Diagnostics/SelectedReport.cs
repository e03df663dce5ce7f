namespace AotAgent.Diagnostics;

public sealed record SelectedReport(string File, string Network, string Type, string CniVersion, string Rule);
