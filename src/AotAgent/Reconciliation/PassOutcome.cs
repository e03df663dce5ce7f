namespace AotAgent.Reconciliation;

/// <summary>What one pass came to. Its names (Diagnostics' <c>Vocabulary</c>) are shared by metrics, JSON and logs.</summary>
internal enum PassOutcome
{
    /// <summary>The output was (re)written.</summary>
    Written,

    /// <summary>The output already held what the pass rendered.</summary>
    Unchanged,

    /// <summary>The primary is briefly invalid (mid-write); the output is kept.</summary>
    Held,

    /// <summary>No valid file satisfies the rules; the output is kept.</summary>
    NoPrimary,

    /// <summary><c>Primary__ReadyFile</c> does not exist yet; nothing is written.</summary>
    WaitingForReadyFile,

    /// <summary><c>CniDir</c> does not exist (yet).</summary>
    DirectoryMissing,

    /// <summary><c>CniDir</c> holds too many entries to choose from; the output is kept.</summary>
    DirectoryTooLarge,

    /// <summary>Another writer keeps changing the output and the restore budget is spent; the agent is not restoring.</summary>
    Backoff,

    /// <summary><c>DryRun</c>, or a verb that never writes: decided and rendered, not written.</summary>
    DryRun,

    /// <summary>The pass failed (I/O error); the output is kept.</summary>
    Error,
}
