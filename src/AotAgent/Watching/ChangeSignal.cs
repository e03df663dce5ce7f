using System.Threading.Channels;

namespace AotAgent.Watching;

/// <summary>
/// Coalesces notifications: the first one wakes the loop at once; everything that arrives while a pass runs folds into
/// a single further pass. Kinds accumulate as flags so the loop knows whether to reload configuration. It also notes
/// when a pass was first owed and not yet taken (monotonic) and when one was last owed (wall time), so health can tell
/// a change that waits from a loop that is idle (kube-proxy's last-queued vs last-applied).
/// </summary>
internal sealed class ChangeSignal(TimeProvider time)
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private int _pending;
    private long _queuedSince;
    private long _lastQueuedUnixMs;

    /// <summary>Since when (a <see cref="TimeProvider"/> timestamp) a pass has been owed and not yet taken; null if none is.</summary>
    public long? QueuedSince => Interlocked.Read(ref _queuedSince) is var t && t != 0 ? t : null;

    /// <summary>When a pass was last owed (an event, a resync or another timer of the loop); null before the first.</summary>
    public DateTimeOffset? LastQueued => Interlocked.Read(ref _lastQueuedUnixMs) is var ms && ms != 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public void Raise(ChangeKind kind)
    {
        Interlocked.Or(ref _pending, (int)kind);
        Queued();
        _wake.Writer.TryWrite(true);
    }

    /// <summary>A pass is owed: by an event (through <see cref="Raise"/>) or by a timer of the loop's own.</summary>
    public void Queued()
    {
        Interlocked.CompareExchange(ref _queuedSince, Math.Max(1, time.GetTimestamp()), 0);
        Interlocked.Exchange(ref _lastQueuedUnixMs, Math.Max(1, time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    /// <summary>The loop takes what is owed just before a pass; returns since when it was owed.</summary>
    public long? TakeQueued() => Interlocked.Exchange(ref _queuedSince, 0) is var t && t != 0 ? t : null;

    /// <summary>Waits until a change or the timeout; returns the accumulated kinds (None on timeout).</summary>
    public async Task<ChangeKind> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!_wake.Reader.TryRead(out _))
        {
            using var timer = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
            try
            {
                await _wake.Reader.ReadAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (ChangeKind)Interlocked.Exchange(ref _pending, 0);
            }
        }

        return (ChangeKind)Interlocked.Exchange(ref _pending, 0);
    }
}
