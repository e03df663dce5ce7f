using AotAgent.Reconciliation;

namespace AotAgent.Hosting;

/// <summary>
/// The pass <c>run</c> makes before the Generic Host exists (start-up latency). The loop takes it over as its first
/// pass, so the write is counted and logged, and later conflicts and the invalid-grace clock start from it.
/// </summary>
internal sealed record StartupPass(PassResult? Result, int StaleTempFilesRemoved, TimeSpan Duration = default)
{
    public static StartupPass None { get; } = new(null, 0);
}
