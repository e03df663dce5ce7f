namespace AotAgent.Resolution;

/// <summary>
/// The resolver's answer. <see cref="Primary"/> is the file to delegate to (for <see cref="DecisionOutcome.Held"/>, the
/// last good one). <see cref="InvalidSince"/> carries the grace clock from one pass to the next, on the monotonic clock.
/// </summary>
internal sealed record Decision(
    DecisionOutcome Outcome,
    Candidate? Primary,
    int SelectorIndex,
    string Reason,
    IReadOnlyList<Candidate> Candidates,
    TimeSpan? InvalidSince)
{
    /// <summary>Selector index used when <c>Primary__Prefer</c> is empty: the ordinal-first valid file wins.</summary>
    public const int NoSelector = int.MaxValue;

    /// <summary>The rules the decision was made under (for explaining it).</summary>
    public PrimaryRules Rules { get; init; } = new();

    /// <summary>
    /// Why a file got its verdict, in words. Eligible files are explained here, on demand (explain, /status), not in
    /// every pass: a pass over thousands of valid files must not build thousands of sentences nobody reads.
    /// </summary>
    public string ReasonFor(Candidate candidate) => DecisionExplainer.Explain(this, candidate);
}
