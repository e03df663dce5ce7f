namespace AotAgent.Output;

/// <summary>
/// Whether a pass may write the output. <see cref="Change"/> is set the first time a foreign state is seen (each state
/// counts once, not once per pass); <see cref="Backoff"/> while the restore budget is spent. <see cref="Restores"/> when
/// this pass puts the agent's output back over another writer's (a new change, or one left in place while backing off).
/// </summary>
internal sealed record OwnershipCheck(bool MayWrite, ForeignChange? Change, bool Backoff, bool BackoffStarted, int RestoresInWindow)
{
    public bool Restores { get; init; }

    public static OwnershipCheck Own { get; } = new(true, null, false, false, 0);
}
