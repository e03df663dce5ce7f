namespace AotAgent.Resolution;

/// <summary>
/// Remembers each file's first verdict while the file (the very object the scan cache hands back) and the rules stay
/// the same, so a pass over thousands of unchanged files classifies only what changed. Holds only the last pass's files.
/// </summary>
internal sealed class CandidateMemo
{
    private Dictionary<ScannedFile, Candidate> _last = new(ReferenceEqualityComparer.Instance);
    private Dictionary<ScannedFile, Candidate> _next = new(ReferenceEqualityComparer.Instance);
    private PrimaryRules? _rules;
    private Eligibility? _eligibility;

    public int Count => _last.Count;

    /// <summary>Starts a pass; other rules or eligibility forget everything.</summary>
    public void Begin(PrimaryRules rules, Eligibility eligibility)
    {
        if (!ReferenceEquals(rules, _rules) || _eligibility is null || !SameEligibility(eligibility, _eligibility))
        {
            _last.Clear();
        }

        (_rules, _eligibility) = (rules, eligibility);
        _next.Clear();
    }

    public Candidate Classify(ScannedFile file, PrimaryRules rules, Eligibility eligibility)
    {
        if (!_last.TryGetValue(file, out var candidate))
        {
            candidate = CandidateClassifier.Classify(file, rules, eligibility);
        }

        _next[file] = candidate;
        return candidate;
    }

    /// <summary>Ends a pass: what this pass saw becomes the memory (files gone from the directory are dropped).</summary>
    public void End() => (_last, _next) = (_next, _last);

    private static bool SameEligibility(Eligibility a, Eligibility b) =>
        a.MultusCniVersion == b.MultusCniVersion && a.ThinDelegate == b.ThinDelegate && a.OwnOutputNames.SequenceEqual(b.OwnOutputNames, StringComparer.Ordinal);
}
