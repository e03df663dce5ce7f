namespace AotAgent.Resolution;

/// <summary>
/// What the resolver remembers from one pass to the next: the primary in force and, while it is briefly invalid, when
/// that began (the grace clock). The daemon keeps one for its lifetime; a one-shot verb starts a fresh one.
/// </summary>
internal sealed class PrimaryMemory
{
    /// <summary>The last decision that chose, held or found no primary (waiting and a missing directory change nothing).</summary>
    public Decision? Previous { get; private set; }

    /// <summary>Decides with the remembered state and remembers the outcome.</summary>
    public Decision Decide(ScanResult scan, string cniDir, PrimaryRules rules, Eligibility eligibility, TimeSpan now)
    {
        var decision = PrimaryResolver.Resolve(scan, cniDir, rules, eligibility, Previous, now);
        if (decision.Outcome is DecisionOutcome.Selected or DecisionOutcome.Held or DecisionOutcome.NoPrimary)
        {
            Previous = decision;
        }

        return decision;
    }

    /// <summary>When (monotonic) a held primary's grace ends, so the loop looks again then; null when nothing is held.</summary>
    public TimeSpan? GraceEnds(PrimaryRules rules) =>
        Previous is { Outcome: DecisionOutcome.Held, InvalidSince: { } since } ? since + rules.InvalidGrace : null;
}
