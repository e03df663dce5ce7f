namespace AotAgent.Diagnostics;

/// <summary>The <c>explain --json</c> document (also the core of <c>/status</c>). Field names are a contract.</summary>
internal sealed record ExplainReport(
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
    RuntimeReport Runtime,
    IReadOnlyList<string> DaemonConfigFindings,
    IReadOnlyList<SettingReport> Settings);
