namespace AotAgent.Resolution;

/// <summary>Why an entry's bytes were not read. <see cref="Verdict"/> tells whether it counts as invalid or ignored.</summary>
internal sealed record ScanProblem(Verdict Verdict, string Reason);
