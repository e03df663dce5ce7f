namespace AotAgent.Diagnostics;

internal sealed record CandidateReport(string File, string Verdict, string Reason, string? Network, string? Type, string? CniVersion, IReadOnlyList<string>? Plugins, IReadOnlyList<string>? Warnings);
