using AotAgent.Configuration;
using AotAgent.Reconciliation;
using AotAgent.Resolution;

namespace AotAgent.Diagnostics;

/// <summary>The gauges one pass sets: what the runtime loads, the primary and its rule, candidates by verdict, readiness.</summary>
internal static class PassMetrics
{
    public static void Update(AgentMetrics metrics, AgentSettings settings, PassResult pass, bool ready)
    {
        var d = pass.Decision;
        metrics.OutputShadowed.Set(pass.Runtime.State == RuntimeLoad.Shadowed ? 1 : 0);
        foreach (var load in Vocabulary.RuntimeLoads)
        {
            metrics.RuntimeLoad.WithLabels(Vocabulary.Name(load)).Set(pass.Runtime.State == load ? 1 : 0);
        }

        metrics.OutputFlushFailing.Set(pass.FlushError is null ? 0 : 1);
        metrics.SetPrimary(d.Primary?.File, d.Primary?.Network?.Name, d.Primary?.Network?.MainType, d.Primary?.Network?.CniVersion, Rule(settings, d));

        // One walk over the candidates (there may be tens of thousands), not one per verdict.
        var counts = new int[Vocabulary.Verdicts.Count];
        foreach (var candidate in d.Candidates)
        {
            counts[(int)candidate.Verdict]++;
        }

        foreach (var verdict in Vocabulary.Verdicts)
        {
            metrics.Candidates.WithLabels(Vocabulary.Name(verdict)).Set(counts[(int)verdict]);
        }

        metrics.Ready.Set(ready && !pass.Ownership.Backoff ? 1 : 0);
    }

    /// <summary>Which rule chose the primary: "default" without Primary__Prefer, else the selector.</summary>
    private static string Rule(AgentSettings settings, Decision d) =>
        d.SelectorIndex < settings.Primary.Prefer.Count ? settings.Primary.Prefer[d.SelectorIndex].ToString() : "default";
}
