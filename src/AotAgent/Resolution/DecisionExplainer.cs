namespace AotAgent.Resolution;

/// <summary>Words for an eligible file that was not chosen: why not, under the decision's rules.</summary>
internal static class DecisionExplainer
{
    public static string Explain(Decision decision, Candidate c)
    {
        if (c.Verdict != Verdict.Eligible || decision.Outcome != DecisionOutcome.Selected || decision.Primary is not { } selected)
        {
            return c.Reason;
        }

        var rules = decision.Rules;
        if (rules.Prefer.Count == 0)
        {
            var sources = SafeDefault.Sources(decision.Candidates.Where(x => x.Verdict is Verdict.Eligible or Verdict.Selected));
            return SafeDefault.PassesOver(c, sources) is { } why ? $"valid, but {why}" : $"valid; {selected.File} sorts first";
        }

        var index = -1;
        for (var i = 0; i < rules.Prefer.Count && index < 0; i++)
        {
            index = rules.Prefer[i].Matches(c.File, c.Network) ? i : -1;
        }

        return index < 0
            ? "valid, but matches no Primary__Prefer selector, so it is never chosen"
            : $"valid; matches Primary__Prefer #{index + 1} '{rules.Prefer[index]}', ranked after {selected.File}";
    }
}
