namespace AotAgent.Platform;

/// <summary>
/// Raises the soft limit on open descriptors to the hard limit, as the Go runtime and .NET's JIT host do at start and
/// Native AOT does not. Containers often start at a soft limit of 1,024 (containerd 2 no longer raises it), and a burst
/// of refused connections holds descriptors for a moment: the reconcile loop's own must stay well inside the limit.
/// </summary>
internal static class DescriptorLimit
{
    /// <summary>RLIMIT_NOFILE, from asm-generic/resource.h: the same on x86-64 and arm64.</summary>
    public const int NoFile = 7;

    /// <summary>The soft limit before and after; null when it cannot be read (nothing is changed then).</summary>
    public static (ulong Before, ulong After)? RaiseToHard()
    {
        if (Libc.GetRLimit(NoFile, out var limit) != 0)
        {
            return null;
        }

        var before = limit.Current;
        if (limit.Current < limit.Maximum)
        {
            limit.Current = limit.Maximum;
            if (Libc.SetRLimit(NoFile, limit) != 0 || Libc.GetRLimit(NoFile, out limit) != 0)
            {
                return (before, before);
            }
        }

        return (before, limit.Current);
    }
}
