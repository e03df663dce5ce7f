using AotAgent.Configuration;
using AotAgent.Reconciliation;
using AotAgent.Resolution;

namespace AotAgent.Diagnostics;

public static class ExplainReportBuilder
{
    public static ExplainReport Build(AgentSettings settings, PassResult pass)
    {
        var d = pass.Decision;
        SelectedReport? selected = d.Primary is { Network: { } n } p
            ? new SelectedReport(p.File, n.Name, n.MainType, n.CniVersion, d.Outcome == DecisionOutcome.Held ? d.Reason : p.Reason)
            : null;
        return new ExplainReport(
            settings.CniDir,
            settings.Mode == MultusMode.Thick ? "thick" : "thin",
            settings.Prefer.Select(s => s.ToString()).ToList(),
            settings.Exclude.Select(s => s.ToString()).ToList(),
            Name(d.Outcome),
            d.Reason,
            selected,
            d.Candidates.Select(c => new CandidateReport(
                c.File,
                Name(c.Verdict),
                c.Reason,
                c.Network?.Name,
                c.Network?.MainType,
                c.Network?.CniVersion,
                c.Network?.PluginTypes)).ToList(),
            new OutputReport(pass.OutputFile, pass.Rendered?.FileName, pass.OutputUpToDate, settings.DryRun),
            pass.RuntimeWouldLoad,
            pass.Shadowed,
            pass.DaemonConfigFindings);
    }

    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Selected => "selected",
        Verdict.Eligible => "eligible",
        Verdict.Excluded => "excluded",
        Verdict.Invalid => "invalid",
        _ => "ignored",
    };

    public static string Name(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Selected => "selected",
        DecisionOutcome.Held => "held",
        DecisionOutcome.NoPrimary => "no-primary",
        DecisionOutcome.WaitingForReadyFile => "waiting-for-ready-file",
        _ => "directory-missing",
    };
}
