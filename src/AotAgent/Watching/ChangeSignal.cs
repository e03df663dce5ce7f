using System.Threading.Channels;

namespace AotAgent.Watching;

/// <summary>
/// Coalesces notifications: the first one wakes the loop at once; everything that arrives while a pass runs folds into
/// a single further pass. Kinds accumulate as flags so the loop knows whether to reload configuration.
/// </summary>
internal sealed class ChangeSignal
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

    /// <summary>Waits until a change or the timeout; returns the accumulated kinds (None on timeout).</summary>
    public async Task<ChangeKind> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
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
