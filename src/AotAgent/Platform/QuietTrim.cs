namespace AotAgent.Platform;

/// <summary>
/// One full compacting collection once a spell of activity has ended, <see cref="Quiet"/> after its last
/// <see cref="Touch"/> (not after the wait began, so it never lands in a gap inside the spell). The GC frees dead objects
/// of the old generation only in a full collection, which an idle process may not run for hours, so without this the
/// resident size stays where the spell left it. What counts as a spell is the caller's: the loop's passes
/// (<c>Hosting/IdleTrim</c>) and the HTTP server's load (<c>Http/LoadTrim</c>).
/// </summary>
internal sealed class QuietTrim(TimeProvider time, Action? collect = null)
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private readonly Action _collect = collect ?? (() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));
    private long _last;
    private int _scheduled;
    private int _trims;

    /// <summary>Collections made so far.</summary>
    public int Trims => Volatile.Read(ref _trims);

    /// <summary>Activity: quiet counts from the last call.</summary>
    public void Touch() => Interlocked.Exchange(ref _last, time.GetTimestamp());

    /// <summary>
    /// Collects once quiet, unless already waiting to. <paramref name="busy"/> is asked after each wait: true gives this
    /// wait up (the caller schedules again when its spell ends). <paramref name="collected"/> runs after the collection.
    /// </summary>
    public void Schedule(Func<bool>? busy, Action? collected)
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = CollectWhenQuietAsync(busy, collected);
        }
    }

    private async Task CollectWhenQuietAsync(Func<bool>? busy, Action? collected)
    {
        try
        {
            while (Quiet - time.GetElapsedTime(Interlocked.Read(ref _last)) is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, time).ConfigureAwait(false);
                if (busy?.Invoke() == true)
                {
                    return;
                }
            }

            _collect();
            collected?.Invoke();
            Interlocked.Increment(ref _trims);
        }
        finally
        {
            Volatile.Write(ref _scheduled, 0);
        }
    }
}
