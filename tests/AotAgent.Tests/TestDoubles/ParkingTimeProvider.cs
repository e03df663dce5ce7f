using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.TestDoubles;

/// <summary>
/// <see cref="FakeTimeProvider"/> whose wall clock can be stepped apart from its monotonic clock, and that notes, for each timer created on it, how far the loop had got (<see cref="Progress"/>,
/// the pass count). The daemon loop creates a timer each time it parks to wait, so a test knows the loop is waiting after
/// pass N (and that advancing time now will reach it) without a hook in the loop.
/// </summary>
internal sealed class ParkingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private long _progressAtLastTimer = -1;

    /// <summary>Reads the loop's progress (the harness points it at the pass count).</summary>
    public Func<long> Progress { get; set; } = () => 0;

    /// <summary>The progress when the latest timer was created: N once the loop has parked after its Nth pass.</summary>
    public long ProgressAtLastTimer => Interlocked.Read(ref _progressAtLastTimer);

    /// <summary>A step of the wall clock (as NTP or a VM resume does at boot): wall time moves, monotonic time and timers do not.</summary>
    public TimeSpan WallClockStep { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + WallClockStep;

    // FakeTimeProvider derives its timestamp from GetUtcNow; take the step back out so the monotonic clock is untouched.
    public override long GetTimestamp() => base.GetTimestamp() - WallClockStep.Ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Exchange(ref _progressAtLastTimer, Progress());
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
