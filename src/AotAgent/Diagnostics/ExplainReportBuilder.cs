using AotAgent.Configuration;
using AotAgent.Rendering;
using AotAgent.Reconciliation;
using AotAgent.Resolution;

namespace AotAgent.Diagnostics;

internal static class ExplainReportBuilder
{
    /// <summary>The report; <paramref name="values"/> (every key with its source) comes from the loader, when known.</summary>
    public static ExplainReport Build(AgentSettings settings, PassResult pass, IReadOnlyList<SettingValue>? values = null)
    {
        var d = pass.Decision;
        SelectedReport? selected = d.Primary is { Network: { } n } p
            ? new SelectedReport(p.File, n.Name, n.MainType, n.CniVersion, d.Outcome == DecisionOutcome.Held ? d.Reason : p.Reason)
            : null;
        return new ExplainReport(
            settings.CniDir,
            settings.Multus.Mode == MultusMode.Thick ? "thick" : "thin",
            settings.Primary.Prefer.Select(s => s.ToString()).ToList(),
            settings.Primary.Exclude.Select(s => s.ToString()).ToList(),
            Vocabulary.Name(d.Outcome),
            d.Reason,
            selected,
            d.Candidates.Select(c => new CandidateReport(
                c.File,
                Vocabulary.Name(c.Verdict),
                d.ReasonFor(c),
                c.Network?.Name,
                c.Network?.MainType,
                c.Network?.CniVersion,
                c.Network?.PluginTypes,
                c.Network?.Warnings is { Count: > 0 } w ? w : null)).ToList(),
            new OutputReport(pass.OutputFile, pass.TargetFile, pass.OutputUpToDate, settings.Output.DryRun),
            pass.Runtime.File,
            pass.Runtime.State == RuntimeLoad.Shadowed,
            new RuntimeReport(settings.Runtime.Kind == RuntimeKind.Crio ? "crio" : "containerd", Vocabulary.Name(pass.Runtime.State), pass.Runtime.File, pass.Runtime.Reason),
            pass.DaemonConfigFindings,
            (values ?? []).Select(v => new SettingReport(
                v.Key,
                v.Value,
                v.Source.Name(),
                v.Shadowed.Count == 0 ? null : v.Shadowed.Select(s => new ShadowedSettingReport(s.Source.Name(), s.Value)).ToList())).ToList());
    }
}
