namespace AotAgent.Resolution;

/// <summary>
/// Decides the primary: a pure function of the scanned directory, the rules, the previous decision and the monotonic time.
/// With <c>Primary__Prefer</c>, only a selector match can win (never a fallback to whatever sorts first).
/// </summary>
internal static class PrimaryResolver
{
    public static Decision Resolve(ScanResult scan, string cniDir, PrimaryRules rules, Eligibility eligibility, Decision? previous, TimeSpan now, CandidateMemo? memo = null)
    {
        if (!scan.DirectoryExists)
        {
            return new Decision(DecisionOutcome.DirectoryMissing, null, Decision.NoSelector, $"CniDir {cniDir} does not exist; waiting for it", [], null);
        }

        if (scan.TooLarge)
        {
            return new Decision(DecisionOutcome.DirectoryTooLarge, null, Decision.NoSelector, $"CniDir {cniDir} holds more than {CniDirectoryScanner.MaxEntries} entries; the agent does not choose from a partial listing, so the current output is kept", [], null);
        }

        var candidates = Classify(scan, rules, eligibility, memo);
        if (!scan.ReadyFilePresent)
        {
            return new Decision(DecisionOutcome.WaitingForReadyFile, null, Decision.NoSelector, $"waiting for Primary__ReadyFile {rules.ReadyFile}; nothing is written until it exists", candidates, null) { Rules = rules };
        }

        // The eligible list is needed only by the safe default; with rules, a pass over thousands of files allocates
        // nothing per file here.
        var eligible = rules.Prefer.Count == 0 ? candidates.Where(c => c.Verdict == Verdict.Eligible).ToList() : null;
        var (pick, index, matches) = Pick(candidates, eligible, rules);
        if (previous?.Primary is { } held && (pick is null || pick.File != held.File))
        {
            var current = candidates.Find(c => c.File == held.File);
            var broken = current is null || current.Verdict == Verdict.Invalid;
            var since = previous.InvalidSince ?? now;
            var outranked = pick is not null && (index < previous.SelectorIndex ||
                (index == previous.SelectorIndex && string.CompareOrdinal(pick.File, held.File) < 0));
            if (broken && !outranked && now - since < rules.InvalidGrace)
            {
                var state = current is null ? "disappeared" : "turned invalid (" + current.Reason + ")";
                var reason = $"{held.File} {state}; keeping the current output for up to {rules.InvalidGrace:c} in case a writer is mid-write";
                return new Decision(DecisionOutcome.Held, held, previous.SelectorIndex, reason, candidates, since) { Rules = rules };
            }
        }

        if (pick is null)
        {
            var reason = rules.Prefer.Count > 0
                ? $"no valid file matches Primary__Prefer ({string.Join(", ", rules.Prefer)}); the current output is kept"
                : eligible?.Count > 0
                ? "no Primary__Prefer rule is set and every valid file is a chained copy or starts with a chained-only plugin; set Primary__Prefer; the current output is kept"
                : "no valid CNI config in CniDir; the current output is kept";
            return new Decision(DecisionOutcome.NoPrimary, null, Decision.NoSelector, reason, candidates, null) { Rules = rules };
        }

        var why = index == Decision.NoSelector
            ? SafeDefault.Reason(eligible!, pick)
            : $"matches Primary__Prefer #{index + 1} '{rules.Prefer[index]}'" +
              (matches.Count > 1 ? $"; {matches.Count} files match it, byte order decides ({string.Join(", ", matches)})" : string.Empty);
        var selected = pick with { Verdict = Verdict.Selected, Reason = why };
        candidates[candidates.IndexOf(pick)] = selected;
        return new Decision(DecisionOutcome.Selected, selected, index, why, candidates, null) { Rules = rules };
    }

    /// <summary>First verdicts: ignored, invalid, excluded, or (provisionally) eligible.</summary>
    private static List<Candidate> Classify(ScanResult scan, PrimaryRules rules, Eligibility eligibility, CandidateMemo? memo)
    {
        memo?.Begin(rules, eligibility);
        var result = new List<Candidate>(scan.Files.Count);
        foreach (var file in scan.Files)
        {
            result.Add(memo?.Classify(file, rules, eligibility) ?? CandidateClassifier.Classify(file, rules, eligibility));
        }

        memo?.End();
        return result;
    }

    private static (Candidate? Pick, int Index, List<string> Matches) Pick(List<Candidate> candidates, List<Candidate>? eligible, PrimaryRules rules)
    {
        if (eligible is not null)
        {
            var sources = SafeDefault.Sources(eligible);
            return (eligible.FirstOrDefault(c => SafeDefault.PassesOver(c, sources) is null), Decision.NoSelector, []);
        }

        for (var i = 0; i < rules.Prefer.Count; i++)
        {
            Candidate? first = null;
            List<string>? matches = null;
            foreach (var c in candidates)
            {
                if (c.Verdict == Verdict.Eligible && rules.Prefer[i].Matches(c.File, c.Network))
                {
                    first ??= c;
                    (matches ??= []).Add(c.File);
                }
            }

            if (first is not null)
            {
                return (first, i, matches!);
            }
        }

        return (null, Decision.NoSelector, []);
    }
}
