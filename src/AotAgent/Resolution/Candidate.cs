namespace AotAgent.Resolution;

/// <summary>One file's verdict and the reason for it.</summary>
internal sealed record Candidate(string File, Verdict Verdict, string Reason, CniNetwork? Network);
