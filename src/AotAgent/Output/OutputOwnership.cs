namespace AotAgent.Output;

/// <summary>
/// The daemon's claim on its output across passes: what it last wrote, whether someone else changed it since, and how
/// often it has restored it. Two generators rewriting one file would loop forever, so past the conflict budget the
/// agent stops fighting until the window has room again.
/// </summary>
internal sealed class OutputOwnership(TimeProvider time)
{
    private OutputState? _lastWritten;
    private OutputState? _lastForeign;
    private ConflictGuard? _guard;
    private int _budget;

    /// <summary>What the agent last wrote or found already in place; null before the first write.</summary>
    public OutputState? LastWritten => _lastWritten;

    /// <summary>
    /// Compares <paramref name="current"/> with what the agent last wrote. <paramref name="listed"/> tells which names
    /// the directory holds (a <c>&lt;output&gt;.cilium_bak</c> names Cilium's cni.exclusive as the culprit).
    /// </summary>
    public OwnershipCheck Check(OutputState current, OutputPolicy policy, Func<string, bool> listed)
    {
        if (_guard is null || _budget != policy.ConflictBudget)
        {
            _guard = new ConflictGuard(time, policy.ConflictBudget);
            _budget = policy.ConflictBudget;
        }

        if (_lastWritten is null || current.SameAs(_lastWritten))
        {
            _lastForeign = null;
            return OwnershipCheck.Own;
        }

        ForeignChange? change = null;
        if (_lastForeign is null || !current.SameAs(_lastForeign))
        {
            // The bytes are kept (at most 1 MiB, usually a few hundred): hashing them would load OpenSSL for nothing.
            _lastForeign = current;
            var output = _lastWritten.FileName ?? policy.ConfFileName;
            change = new ForeignChange(
                output,
                ConflictDiagnosis.Describe(current.Content, current.Exists),
                ConflictDiagnosis.LikelyCause(current.Content, current.Exists, listed(output + ".cilium_bak")));
        }

        var wasBackingOff = _guard.InBackoff;
        if (_guard.TryRestore())
        {
            _lastForeign = null;
            return new OwnershipCheck(true, change, false, false, _guard.RestoresInWindow) { Restores = true };
        }

        return new OwnershipCheck(false, change, true, !wasBackingOff, _guard.RestoresInWindow);
    }

    /// <summary>Forgets the last write (the output's name changed), so the next check claims the new name afresh.</summary>
    public void Release() => _lastWritten = null;

    /// <summary>Records the output the agent wrote (or found already right), the reference for the next check.</summary>
    public void Claim(OutputState written) => _lastWritten = written;

    /// <summary>How long until a restore is allowed again, while backing off.</summary>
    public TimeSpan? UntilRoom() => _guard?.UntilRoom();
}
