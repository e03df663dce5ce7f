namespace AotAgent.Resolution;

/// <summary>
/// Remembers each file's first verdict while the file (the very object the scan cache hands back) and the rules stay
/// the same, so a pass over thousands of unchanged files classifies only what changed. Holds only the last pass's
/// files, in their order: a pass walks them alongside the new ones (both in byte order), so finding a file's earlier
/// verdict costs a reference comparison, not a lookup.
/// </summary>
internal sealed class CandidateMemo
{
    // Two generations, swapped at the end of a pass and reused, so a pass allocates nothing here once sized.
    private Generation _last = new();
    private Generation _next = new();
    private int _position;
    private PrimaryRules? _rules;
    private Eligibility? _eligibility;

    public int Count => _last.Count;

    /// <summary>Room in the generation the next pass fills (for tests: it must not be thrown away between passes).</summary>
    public int Capacity => _next.Capacity;

    /// <summary>Starts a pass; other rules or eligibility forget everything.</summary>
    public void Begin(PrimaryRules rules, Eligibility eligibility)
    {
        if (!ReferenceEquals(rules, _rules) || _eligibility is null || !SameEligibility(eligibility, _eligibility))
        {
            _last.Clear(expected: 0);
        }

        (_rules, _eligibility, _position) = (rules, eligibility, 0);
        _next.Clear(expected: _last.Count);
    }

    public Candidate Classify(ScannedFile file, PrimaryRules rules, Eligibility eligibility)
    {
        // Skip earlier files that sort before this one (removed or replaced since); an exact object match reuses its verdict.
        var last = _last;
        while (_position < last.Count && !ReferenceEquals(last.Files[_position], file) && Utf8Order.Instance.Compare(last.Files[_position].Name, file.Name) < 0)
        {
            _position++;
        }

        var candidate = _position < last.Count && ReferenceEquals(last.Files[_position], file)
            ? last.Candidates[_position++]
            : CandidateClassifier.Classify(file, rules, eligibility);
        _next.Add(file, candidate);
        return candidate;
    }

    /// <summary>Ends a pass: what this pass saw becomes the memory (files gone from the directory are dropped).</summary>
    public void End()
    {
        (_last, _next) = (_next, _last);
        _next.Clear(expected: _last.Count);
    }

    private static bool SameEligibility(Eligibility a, Eligibility b) =>
        a.MultusCniVersion == b.MultusCniVersion && a.ThinDelegate == b.ThinDelegate && a.OwnOutputNames.SequenceEqual(b.OwnOutputNames, StringComparer.Ordinal);

    private sealed class Generation
    {
        private ScannedFile[] _files = [];
        private Candidate[] _candidates = [];

        public ScannedFile[] Files => _files;

        public Candidate[] Candidates => _candidates;

        public int Count { get; private set; }

        public int Capacity => _files.Length;

        public void Add(ScannedFile file, Candidate candidate)
        {
            if (Count == _files.Length)
            {
                var size = Math.Max(16, Count * 2);
                Array.Resize(ref _files, size);
                Array.Resize(ref _candidates, size);
            }

            (_files[Count], _candidates[Count]) = (file, candidate);
            Count++;
        }

        /// <summary>
        /// Forgets the references (so nothing stale is kept alive). Shrinks only when the next pass is expected to need
        /// far less (the directory shrank a lot): judged on what is cleared, an already empty generation would be thrown
        /// away and regrown by doubling on every pass (half a MiB per pass over 10,000 files).
        /// </summary>
        public void Clear(int expected)
        {
            if (_files.Length > 64 && expected < _files.Length / 4)
            {
                (_files, _candidates) = ([], []);
            }
            else
            {
                Array.Clear(_files, 0, Count);
                Array.Clear(_candidates, 0, Count);
            }

            Count = 0;
        }
    }
}
