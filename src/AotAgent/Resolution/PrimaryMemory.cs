namespace AotAgent.Resolution;

/// <summary>
/// What the resolver remembers from one pass to the next: the primary in force and, while it is briefly invalid, when
/// that began (the grace clock). The daemon keeps one for its lifetime; a one-shot verb starts a fresh one.
/// </summary>
internal sealed class PrimaryMemory
{
    /// <summary>The last decision that chose, held or found no primary (waiting and a missing directory change nothing).</summary>
    public Decision? Previous { get; private set; }

    /// <summary>First verdicts of unchanged files, kept from pass to pass.</summary>
    public CandidateMemo Verdicts { get; } = new();

    /// <summary>Decides with the remembered state and remembers the outcome.</summary>
    public Decision Decide(ScanResult scan, string cniDir, PrimaryRules rules, Eligibility eligibility, TimeSpan now)
    {
        var decision = PrimaryResolver.Resolve(scan, cniDir, rules, eligibility, Previous, now, Verdicts);
        if (decision.Outcome is DecisionOutcome.Selected or DecisionOutcome.Held or DecisionOutcome.NoPrimary)
        {
            Previous = decision;
        }

        return decision;
    }

    /// <summary>
    /// Before the first decision, takes the primary the output on disk already delegates to (read back from it) as if
    /// this process had chosen it, so a restart during a primary's non-atomic rewrite holds it for the grace instead of
    /// flipping the output. <paramref name="network"/> is its config when known (thin embeds a copy).
    /// </summary>
    public void Seed(string file, CniNetwork? network, PrimaryRules rules)
    {
        if (Previous is not null)
        {
            return;
        }

        // Its rank under the rules; a selector that needs the config, when the config is not known, counts as a match
        // (holding a primary for the grace is the safe side of the doubt).
        var index = Decision.NoSelector;
        for (var i = 0; i < rules.Prefer.Count; i++)
        {
            if (rules.Prefer[i].Matches(file, network) || (network is null && rules.Prefer[i].Kind != SelectorKind.File))
            {
                index = i;
                break;
            }
        }

        const string Reason = "in force when the agent started (read back from its output)";
        Previous = new Decision(DecisionOutcome.Selected, new Candidate(file, Verdict.Selected, Reason, network), index, Reason, [], null);
    }

    /// <summary>When (monotonic) a held primary's grace ends, so the loop looks again then; null when nothing is held.</summary>
    public TimeSpan? GraceEnds(PrimaryRules rules) =>
        Previous is { Outcome: DecisionOutcome.Held, InvalidSince: { } since } ? since + rules.InvalidGrace : null;
}
