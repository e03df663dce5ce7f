namespace AotAgent.Hosting;

/// <summary>
/// Hands back what a busy spell left behind. Objects alive while a pass runs (its lists, the last result) outlive a
/// young-generation collection and are freed only by a full one, which an idle agent may not run for hours; so after
/// many passes the resident size would stay where the spell left it. Once <see cref="Threshold"/> bytes were allocated
/// since the last time and the loop has then made no pass for <see cref="Quiet"/>, one full compacting collection
/// returns the free memory to the system. A few milliseconds, at most once per spell, never in a reaction's path.
/// </summary>
internal sealed class IdleTrim(TimeProvider time, Func<long>? allocated = null, Action? collect = null)
{
    public const long Threshold = 16L * 1024 * 1024;

    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private readonly Func<long> _allocated = allocated ?? (() => GC.GetTotalAllocatedBytes());
    private readonly Action _collect = collect ?? (() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));
    private long _allocatedAtTrim = (allocated ?? (() => GC.GetTotalAllocatedBytes()))();
    private long _passes;
    private int _scheduled;
    private int _trims;

    /// <summary>Collections made so far.</summary>
    public int Trims => Volatile.Read(ref _trims);

    /// <summary>A pass ended: if much was allocated since the last trim, trim once the loop has been quiet.</summary>
    public void Passed()
    {
        Interlocked.Increment(ref _passes);
        if (_allocated() - Interlocked.Read(ref _allocatedAtTrim) >= Threshold && Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = TrimWhenQuietAsync();
        }
    }

    private async Task TrimWhenQuietAsync()
    {
        try
        {
            while (true)
            {
                var passes = Interlocked.Read(ref _passes);
                await Task.Delay(Quiet, time).ConfigureAwait(false);
                if (Interlocked.Read(ref _passes) == passes)
                {
                    break;
                }
            }

            _collect();
            Interlocked.Exchange(ref _allocatedAtTrim, _allocated());
            Interlocked.Increment(ref _trims);
        }
        finally
        {
            Volatile.Write(ref _scheduled, 0);
        }
    }
}
