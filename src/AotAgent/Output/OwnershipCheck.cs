namespace AotAgent.Output;

/// <summary>
/// Whether a pass may write the output. <see cref="Change"/> is set the first time a foreign state is seen (each state
/// counts once, not once per pass); <see cref="Backoff"/> while the restore budget is spent.
/// </summary>
internal sealed record OwnershipCheck(bool MayWrite, ForeignChange? Change, bool Backoff, bool BackoffStarted, int RestoresInWindow)
{
    public static OwnershipCheck Own { get; } = new(true, null, false, false, 0);
}
