namespace AotAgent.Output;

/// <summary>
/// A sliding one-minute budget (on the monotonic clock) for restoring the output after another writer changed it. Past the budget the agent
/// stops fighting (two generators rewriting one file loop forever) until the window has room again.
/// </summary>
internal sealed class ConflictGuard(TimeProvider time, int budgetPerMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<long> _restores = new();

    public bool InBackoff { get; private set; }

    public int RestoresInWindow => _restores.Count;

    /// <summary>True when a restore is allowed now (and records it); false while backing off.</summary>
    public bool TryRestore()
    {
        var now = time.GetTimestamp();
        while (_restores.Count > 0 && time.GetElapsedTime(_restores.Peek(), now) >= Window)
        {
            _restores.Dequeue();
        }

        if (_restores.Count >= budgetPerMinute)
        {
            InBackoff = true;
            return false;
        }

        _restores.Enqueue(now);
        InBackoff = false;
        return true;
    }

    /// <summary>When the oldest restore leaves the window (the earliest moment a restore is allowed again).</summary>
    public TimeSpan? UntilRoom() =>
        InBackoff && _restores.Count > 0 ? Window - time.GetElapsedTime(_restores.Peek()) : null;
}
