using AotAgent.Platform;

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

    public static readonly TimeSpan Quiet = QuietTrim.Quiet;

    private readonly QuietTrim _trim = new(time, trim);
    private int _open;
    private int _burst;
    private int _activity;
    private Func<bool>? _busy;
    private Action? _collected;

    /// <summary>Collections made so far.</summary>
    public int Trims => _trim.Trims;

    public void Opened()
    {
        _trim.Touch();
        if (Interlocked.Increment(ref _open) >= BurstConnections)
        {
            Volatile.Write(ref _burst, 1);
        }

        Request();
    }

    public void Refused() => Volatile.Write(ref _burst, 1);

    public void Request()
    {
        _trim.Touch();
        if (Interlocked.Increment(ref _activity) >= BurstActivity)
        {
            Volatile.Write(ref _burst, 1);
        }
    }

    public void Closed()
    {
        _trim.Touch();
        if (Interlocked.Decrement(ref _open) == 0 && Volatile.Read(ref _burst) == 1)
        {
            // A connection open again gives the wait up: the close that leaves none open schedules the next one.
            _trim.Schedule(
                _busy ??= () => Volatile.Read(ref _open) > 0,
                _collected ??= () =>
                {
                    Volatile.Write(ref _burst, 0);
                    Interlocked.Exchange(ref _activity, 0);
                });
        }
    }
}
