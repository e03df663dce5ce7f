using System.Diagnostics;

namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>Polls for a condition instead of sleeping a fixed time: fast when the agent is fast, patient when the box is slow.</summary>
public static class Wait
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>True as soon as <paramref name="condition"/> holds; false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (condition())
            {
                return true;
            }

            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>Async condition variant (HTTP probes).</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>Waits, and fails the test with <paramref name="describe"/> (the fault and the observed state) on timeout.</summary>
    public static async Task Until(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        if (!await UntilAsync(condition, timeout))
        {
            Assert.Fail($"timed out after {timeout.TotalSeconds:F1}s: {describe()}");
        }
    }

    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        if (!await UntilAsync(condition, timeout))
        {
            Assert.Fail($"timed out after {timeout.TotalSeconds:F1}s: {describe()}");
        }
    }
}
