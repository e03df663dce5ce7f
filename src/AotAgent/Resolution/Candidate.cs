namespace AotAgent.Resolution;

/// <summary>One file's verdict and the reason for it.</summary>
internal sealed record Candidate(string File, Verdict Verdict, string Reason, CniNetwork? Network)
{
    /// <summary>
    /// Whether libcni (containerd, CRI-O) loads this file, whatever the agent's verdict: false for a file it refuses or
    /// cannot read (a FIFO blocks it); null when not judged (not a CNI name, a directory, the agent's own output).
    /// </summary>
    public bool? LoadsInLibcni { get; init; }
}
