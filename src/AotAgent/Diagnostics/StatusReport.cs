namespace AotAgent.Diagnostics;

/// <summary>
/// The daemon's <c>/status</c>: the explain document plus the loop's own state. Its size does not grow with the
/// directory: past a cap, candidates are counted in <see cref="CandidatesNotListed"/> (the primary in force is always listed;
/// <c>explain</c> lists them all, and <c>aotagent_candidates</c> counts them by verdict).
/// </summary>
internal sealed record StatusReport(ExplainReport? Explain, int CandidatesNotListed, DaemonState Daemon)
{
    public static StatusReport Create(ExplainReport? explain, int maxCandidates, DaemonState daemon)
    {
        if (explain is null || explain.Candidates.Count <= maxCandidates)
        {
            return new StatusReport(explain, 0, daemon);
        }

        // Byte order is kept (it is the runtime's order); the selected candidate takes one of the places.
        var selected = explain.Selected?.File;
        var others = Math.Max(0, maxCandidates - (selected is null ? 0 : 1));
        var listed = new List<CandidateReport>(maxCandidates);
        foreach (var candidate in explain.Candidates)
        {
            if (candidate.File == selected)
            {
                listed.Add(candidate);
            }
            else if (others > 0)
            {
                listed.Add(candidate);
                others--;
            }
        }

        return new StatusReport(explain with { Candidates = listed }, explain.Candidates.Count - listed.Count, daemon);
    }
}
