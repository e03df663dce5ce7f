namespace AotAgent.Http;

/// <summary>
/// Hands back the memory a burst of HTTP load grew. The GC keeps its gen0 budget (tens of MiB on a large cache) committed
/// until its next collection, which an idle agent may not run for hours, so after an attack the resident memory would stay
/// at its peak. Once both listeners have had no connection and no request for <see cref="Quiet"/> after a burst (a
/// connection refused, <see cref="BurstConnections"/> open at once, or <see cref="BurstActivity"/> connections and requests
/// since the last time), one aggressive collection decommits what is free. Quiet counts from the last activity, so the
/// collection follows the end of a spell of load rather than a gap inside it (which left the rest of the spell's garbage
/// resident: 10,000 sequential scrapes ended 1.7 MiB above idle). Ordinary scraping and probing (one or two connections
/// at a time) reach the activity bound only every few hours.
/// </summary>
internal sealed class LoadTrim(TimeProvider time, Action? trim = null)
{
    public const int BurstConnections = 16;

    public const int BurstActivity = 4096;

    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private readonly Action _trim = trim ?? (() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));
    private int _open;
    private int _burst;
    private int _activity;
    private int _scheduled;
    private int _trims;
    private long _lastActivity;

    /// <summary>Collections made so far.</summary>
    public int Trims => Volatile.Read(ref _trims);

    public void Opened()
    {
        Touch();
        if (Interlocked.Increment(ref _open) >= BurstConnections)
        {
            Volatile.Write(ref _burst, 1);
        }

        Request();
    }

    public void Refused() => Volatile.Write(ref _burst, 1);

    public void Request()
    {
        Touch();
        if (Interlocked.Increment(ref _activity) >= BurstActivity)
        {
            Volatile.Write(ref _burst, 1);
        }
    }

    public void Closed()
    {
        Touch();
        if (Interlocked.Decrement(ref _open) == 0 && Volatile.Read(ref _burst) == 1 && Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = TrimWhenQuietAsync();
        }
    }

    private async Task TrimWhenQuietAsync()
    {
        try
        {
            // Wait until Quiet has passed since the last connection or request. A connection open again ends the wait:
            // the close that leaves none open schedules the next one.
            while (Quiet - time.GetElapsedTime(Interlocked.Read(ref _lastActivity)) is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, time).ConfigureAwait(false);
                if (Volatile.Read(ref _open) > 0)
                {
                    return;
                }
            }

            Volatile.Write(ref _burst, 0);
            Interlocked.Exchange(ref _activity, 0);
            _trim();
            Interlocked.Increment(ref _trims);
        }
        finally
        {
            Volatile.Write(ref _scheduled, 0);
        }
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, time.GetTimestamp());
}
