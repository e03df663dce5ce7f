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
}
