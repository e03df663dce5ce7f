namespace AotAgent.Diagnostics;

/// <summary>The <c>explain --json</c> document (also the core of <c>/status</c>). Field names are a contract.</summary>
public sealed record ExplainReport(
    string CniDir,
    string Mode,
    IReadOnlyList<string> Prefer,
    IReadOnlyList<string> Exclude,
    string Outcome,
    string Reason,
    SelectedReport? Selected,
    IReadOnlyList<CandidateReport> Candidates,
    OutputReport Output,
    string? RuntimeWouldLoad,
    bool OutputShadowed,
    IReadOnlyList<string> DaemonConfigFindings);

public sealed record SelectedReport(string File, string Network, string Type, string CniVersion, string Rule);

public sealed record CandidateReport(string File, string Verdict, string Reason, string? Network, string? Type, string? CniVersion, IReadOnlyList<string>? Plugins);

public sealed record OutputReport(string? File, string? WouldWrite, bool UpToDate, bool DryRun);
