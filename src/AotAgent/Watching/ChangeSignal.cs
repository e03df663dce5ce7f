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

    private int _pending;

    public void Raise(ChangeKind kind)
    {
        Interlocked.Or(ref _pending, (int)kind);
        _wake.Writer.TryWrite(true);
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
