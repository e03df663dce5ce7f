namespace AotAgent.Resolution;

/// <summary>First verdicts, file by file: ignored, invalid, excluded, or (provisionally) eligible. Pure.</summary>
internal static class CandidateClassifier
{
    /// <summary>
    /// Which entries the scanner reads: every CNI name but the agent's own output (which the output's owner reads).
    /// Hidden ones are never candidates but are read too: the runtime loads them like any other.
    /// </summary>
    public static bool WantsContent(string name, Eligibility eligibility) =>
        ScannedFile.HasCniExtension(name) && !eligibility.IsOwnOutput(name);

    public static Candidate Classify(ScannedFile file, PrimaryRules rules, Eligibility eligibility)
    {
        var name = file.Name;
        if (!ScannedFile.HasCniExtension(name))
        {
            return new(name, Verdict.Ignored, "not a CNI config name (.conf, .conflist, .json)", null);
        }

        if (eligibility.IsOwnOutput(name))
        {
            return new(name, Verdict.Ignored, "the agent's own output", null);
        }

        if (file.Problem is { } problem)
        {
            var loads = problem.Verdict == Verdict.Invalid ? CniConfigParser.LibcniLoads(problem.Reason) : (bool?)null;
            return new(name, problem.Verdict, problem.Reason, null) { LoadsInLibcni = loads };
        }

        // The scanner parsed it (or kept the outcome from an earlier pass).
        var (network, invalid) = (file.Parsed?.Network, file.Parsed?.Problem);
        if (name.StartsWith('.'))
        {
            // Never a candidate (temp files of atomic writers), but the runtime loads it if it sorts first.
            return new(name, Verdict.Ignored, "hidden file (temp files of atomic writers)", network) { LoadsInLibcni = network is not null || CniConfigParser.LibcniLoads(invalid ?? string.Empty) };
        }

        if (network is null)
        {
            invalid ??= "invalid";
            return new(name, Verdict.Invalid, invalid, null) { LoadsInLibcni = CniConfigParser.LibcniLoads(invalid) };
        }

        if (network.IsMultus)
        {
            return new(name, Verdict.Ignored, "a Multus config: delegating to it would nest Multus in itself", network) { LoadsInLibcni = true };
        }

        if (rules.Exclude.FirstOrDefault(s => s.Matches(name, network)) is { } excludedBy)
        {
            return new(name, Verdict.Excluded, $"matches Primary__Exclude '{excludedBy}'", network) { LoadsInLibcni = true };
        }

        if (eligibility.MultusCniVersion is { } multusVersion &&
            CniVersion.AtLeast(multusVersion, 0, 4) && !CniVersion.AtLeast(network.CniVersion, 0, 4))
        {
            return new(name, Verdict.Invalid, $"cniVersion {network.CniVersion} is older than 0.4.0, which Multus refuses under Multus__CniVersion {multusVersion}", network) { LoadsInLibcni = true };
        }

        return new(name, Verdict.Eligible, "valid", network) { LoadsInLibcni = true };
    }
}
