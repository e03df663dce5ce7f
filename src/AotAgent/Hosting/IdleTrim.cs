using AotAgent.Platform;

namespace AotAgent.Hosting;

/// <summary>
/// Hands back what a busy spell left behind. Objects alive while a pass runs (its lists, the last result) outlive a
/// young-generation collection and are freed only by a full one, which an idle agent may not run for hours; so after
/// many passes the resident size would stay where the spell left it. Once <see cref="Threshold"/> bytes were allocated
/// since the last time and the loop has then made no pass for <see cref="Quiet"/>, one full compacting collection
/// returns the free memory to the system. A few milliseconds, at most once per spell, never in a reaction's path.
/// The threshold is low on purpose: a spell that allocates just under it leaves its promoted garbage resident (./bench.sh
/// measured 3 MiB after 10,000 one-file passes with 16 MiB, 1.5 MiB after a 200-restore fight with 4 MiB). A resync of a
/// handful of files allocates about 26 KiB, so at the default 30 s resync a quiet node trims about every 20 minutes, a
/// few milliseconds of CPU each time.
/// </summary>
internal sealed class IdleTrim(TimeProvider time, Func<long>? allocated = null, Action? collect = null)
{
    public const long Threshold = 1L * 1024 * 1024;

    public static readonly TimeSpan Quiet = QuietTrim.Quiet;

    private readonly Func<long> _allocated = allocated ?? (() => GC.GetTotalAllocatedBytes());
    private readonly QuietTrim _trim = new(time, collect);
    private long _allocatedAtTrim = (allocated ?? (() => GC.GetTotalAllocatedBytes()))();
    private Action? _collected;

    /// <summary>Collections made so far.</summary>
    public int Trims => _trim.Trims;

    /// <summary>A pass ended: if much was allocated since the last trim, trim once the loop has been quiet.</summary>
    public void Passed()
    {
        _trim.Touch();
        if (_allocated() - Interlocked.Read(ref _allocatedAtTrim) >= Threshold)
        {
            _trim.Schedule(busy: null, _collected ??= () => Interlocked.Exchange(ref _allocatedAtTrim, _allocated()));
        }
    }
}
