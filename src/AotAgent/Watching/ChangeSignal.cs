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

    /// <summary>More named entries than this between two passes, and the next pass looks at every entry instead.</summary>
    public const int MaxNames = 512;

    private readonly Lock _lock = new();
    private HashSet<string> _names = new(StringComparer.Ordinal);
    private bool _unnamed;
    private int _pending;
    private long _queuedSince;
    private long _lastQueuedUnixMs;

    /// <summary>Since when (a <see cref="TimeProvider"/> timestamp) a pass has been owed and not yet taken; null if none is.</summary>
    public long? QueuedSince => Interlocked.Read(ref _queuedSince) is var t && t != 0 ? t : null;

    /// <summary>When a pass was last owed (an event, a resync or another timer of the loop); null before the first.</summary>
    public DateTimeOffset? LastQueued => Interlocked.Read(ref _lastQueuedUnixMs) is var ms && ms != 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>
    /// Records a change. For CniDir, <paramref name="names"/> are the entries it touched (a rename names both); a CniDir
    /// change without names (the parent directory, a watcher error) makes the next pass look at everything.
    /// </summary>
    public void Raise(ChangeKind kind, params ReadOnlySpan<string?> names)
    {
        if (kind.HasFlag(ChangeKind.CniDirectory) || kind.HasFlag(ChangeKind.WatcherFailed))
        {
            lock (_lock)
            {
                var named = false;
                foreach (var name in names)
                {
                    if (name is not null && kind == ChangeKind.CniDirectory && _names.Count < MaxNames)
                    {
                        named |= _names.Add(name) || _names.Contains(name);
                    }
                }

                _unnamed |= !named;
            }
        }

        Interlocked.Or(ref _pending, (int)kind);
        Queued();
        _wake.Writer.TryWrite(true);
    }

    /// <summary>
    /// The CniDir entries named since the last call, or null when some change came without a name (or too many did):
    /// then the pass must look at every entry.
    /// </summary>
    public IReadOnlySet<string>? TakeNames()
    {
        lock (_lock)
        {
            var names = _unnamed ? null : _names;
            (_names, _unnamed) = (new HashSet<string>(StringComparer.Ordinal), false);
            return names;
        }
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
