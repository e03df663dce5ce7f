using System.Diagnostics;
using System.Globalization;

namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One abuse case against the native agent on loopback (issue 11): the agent starts on a directory with a primary, its
/// idle RSS and descriptors are taken, then the attack runs while RSS and descriptors are sampled every 50 ms and the
/// probe listener is probed every 250 ms. At its peak the attack calls <see cref="DuringAsync"/>: a new primary that
/// sorts first must reach the output. After the attack has closed its sockets, descriptors and memory must come back to
/// near their idle level. Everything is asserted, and one line per case goes to the figures log (docs/reliability.md).
/// </summary>
public sealed class AbuseCase
{
    /// <summary>
    /// Peak RSS allowed during a case, half the chart's 96 MiB limit. The binary pins the GC's gen0 budget to 1 MiB
    /// (System.GC.Gen0MaxBudget), so the peak is the idle size plus the bounded HTTP buffers (21-33 MiB measured); before
    /// the pin the budget followed the L3 cache and the same cases peaked at 60-77 MiB.
    /// </summary>
    public const long RssBoundKiB = 48 * 1024;

    /// <summary>
    /// Peak descriptors allowed: the caps (64 + 8), the agent's own, and refused sockets Kestrel has accepted but not yet
    /// closed (a burst of a thousand connects at once leaves a few hundred for a moment). The agent raises its soft limit to
    /// the hard one at start, so this stays far below it.
    /// </summary>
    public const int FdBound = 1024;

    /// <summary>Back near idle after the attack: descriptors within this many, resident memory within this much.</summary>
    public const int FdSlack = 4;

    public const long RssSlackKiB = 16 * 1024;

    private static readonly TimeSpan ReactionBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(20);

    private readonly CniDirectory _dir;
    private TimeSpan? _reaction;

    private AbuseCase(CniDirectory dir, AgentProcess agent)
    {
        _dir = dir;
        Agent = agent;
    }

    public AgentProcess Agent { get; }

    /// <summary>The main listener's port: the one an attacker on the node's network reaches.</summary>
    public int Port => Agent.Port;

    /// <summary>
    /// Runs one case. <paramref name="attack"/> builds up its load, calls <see cref="DuringAsync"/> while the load is in place,
    /// then releases it (closes its sockets) and returns what it saw, for the record.
    /// </summary>
    public static async Task RunAsync(ITestOutputHelper output, string name, Func<AbuseCase, Task<string>> attack, Action<CniDirectory>? setup = null, long rssBoundKiB = RssBoundKiB, TimeSpan? warmUp = null)
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        setup?.Invoke(dir);

        // Resync every 2 s: passes keep allocating, so the GC runs and memory can come back; the health bound is then 16 s.
        using var agent = AgentProcess.StartDaemon(dir, "Watch__Resync=00:00:02", "Primary__InvalidGrace=00:00:00");
        await agent.WaitReadyAsync(dir, TimeSpan.FromSeconds(30));
        foreach (var path in new[] { "/metrics", "/status", "/healthz", "/metrics", "/status" })
        {
            await agent.Http.GetAsync(path);
        }

        // Idle is taken once the agent has settled (a large directory: once a few resyncs have warmed the GC heap up).
        await Task.Delay(warmUp ?? TimeSpan.FromSeconds(1));
        var idleRss = ProcStats.RssKiB(agent.Pid);
        var idleFds = ProcStats.Fds(agent.Pid);
        var logLinesBefore = agent.StdoutLines.Count;
        var run = new AbuseCase(dir, agent);
        var clock = Stopwatch.StartNew();
        string result;
        long peakRss;
        int peakFds;
        ProbeLoop probes;
        await using (var sampler = new ResourceSampler(agent.Pid))
        {
            await using (probes = new ProbeLoop(agent.ProbePort))
            {
                result = await attack(run);
                await Task.Delay(300);
            }

            peakRss = sampler.PeakRssKiB;
            peakFds = sampler.PeakFds;
        }

        var attackTime = clock.Elapsed;
        var logLines = agent.StdoutLines.Count - logLinesBefore;

        // Recovery: descriptors back within a few of idle, then memory (a resync or two lets the GC run).
        var recovery = Stopwatch.StartNew();
        var fdsBack = await Wait.UntilAsync(() => ProcStats.Fds(agent.Pid) <= idleFds + FdSlack, RecoveryBound, TimeSpan.FromMilliseconds(100));
        var fdsBackAfter = recovery.Elapsed;
        var rssBack = await Wait.UntilAsync(() => ProcStats.RssKiB(agent.Pid) <= idleRss + RssSlackKiB, RecoveryBound, TimeSpan.FromMilliseconds(250));
        var rssAfter = ProcStats.RssKiB(agent.Pid);
        var fdsAfter = ProcStats.Fds(agent.Pid);
        var health = await agent.ProbeHttp.GetAsync("/healthz");

        var figure = string.Create(CultureInfo.InvariantCulture,
            $"{result}; peak RSS {ProcStats.MiB(peakRss)} (idle {ProcStats.MiB(idleRss)}, bound {ProcStats.MiB(rssBoundKiB)}), peak fds {peakFds} (idle {idleFds}, bound {FdBound}); " +
            $"loop reacted: primary change reached the output in {run._reaction?.TotalMilliseconds ?? double.NaN:F0} ms; probe listener /healthz {probes.Ok}/{probes.Total} answered 200; " +
            $"{logLines} log lines during {attackTime.TotalSeconds:F1} s; recovery: fds {fdsAfter} after {fdsBackAfter.TotalSeconds:F1} s, RSS {ProcStats.MiB(rssAfter)} {recovery.Elapsed.TotalSeconds:F1} s after the attack");
        Figures.Record(output, "http abuse: " + name, figure);

        Assert.False(agent.HasExited, $"{name}: the agent died; {agent.Tail()}");
        Assert.True(run._reaction is not null, $"{name}: DuringAsync was never called");
        Assert.True(probes.Failures.Count == 0 && probes.Ok >= 2, $"{name}: the probe listener did not answer every probe: {probes.Ok} ok, failures [{string.Join(", ", probes.Failures.Take(5))}]; {figure}");
        Assert.True(peakRss <= rssBoundKiB, $"{name}: peak RSS {ProcStats.MiB(peakRss)} over the bound {ProcStats.MiB(rssBoundKiB)}; {figure}");
        Assert.True(peakFds <= FdBound, $"{name}: peak fds {peakFds} over the bound {FdBound}; {figure}");
        Assert.True(logLines <= 10, $"{name}: {logLines} log lines during the attack (the log must not be flooded); {string.Join(" | ", agent.StdoutLines.Skip(logLinesBefore).Take(5))}");
        Assert.True(fdsBack, $"{name}: descriptors did not come back near idle ({idleFds} + {FdSlack}) within {RecoveryBound.TotalSeconds:F0} s: {fdsAfter}; {figure}");
        Assert.True(rssBack, $"{name}: memory did not come back near idle ({ProcStats.MiB(idleRss)} + {ProcStats.MiB(RssSlackKiB)}) within {RecoveryBound.TotalSeconds:F0} s: {ProcStats.MiB(rssAfter)}; {figure}");
        Assert.True(health.Status == 200, $"{name}: /healthz after the attack: {health.Status} {health.Body}");
    }

    /// <summary>Called by the attack at its peak: a new primary that sorts first must reach the output (within 10 s).</summary>
    public async Task DuringAsync()
    {
        var clock = Stopwatch.StartNew();
        _dir.Install(TestData.Calico, "05-calico.conflist");
        await Wait.Until(() => _dir.OutputPrimary() == "05-calico.conflist", ReactionBound,
            () => $"under attack the loop no longer reacts: 05-calico.conflist not in the output; {_dir.Describe()}; {Agent.Tail()}");
        _reaction = clock.Elapsed;
    }
}
