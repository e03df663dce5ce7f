namespace AotAgent.Platform;

/// <summary>
/// Intervals (grace, resync, back-off, health bounds) are measured on the monotonic clock, never on the wall clock:
/// nodes step their clocks at boot, when the agent is already running. Wall time is only for what people read.
/// </summary>
internal static class MonotonicClock
{
    /// <summary>Monotonic time as a <see cref="TimeSpan"/> from an arbitrary origin (TimeProvider's timestamp 0).</summary>
    public static TimeSpan Now(TimeProvider time) => time.GetElapsedTime(0, time.GetTimestamp());
}
