using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Platform;
using AotAgent.Reconciliation;
using AotAgent.Resolution;
using AotAgent.Watching;
using Microsoft.Extensions.Hosting;

namespace AotAgent.Hosting;

/// <summary>
/// The daemon loop, and only the loop: wait for a change or a timer, reload the settings when asked, run one pass, report
/// it, and work out when to wake next. Level-triggered: every wake-up runs one full pass; events that arrive during a pass
/// fold into one more. A pass that fails is reported and retried; the last good output stays.
/// </summary>
internal sealed class ReconcileLoop(
    LiveSettings live,
    Reconciler reconciler,
    WatchSupervisor watch,
    ChangeSignal signal,
    PassReporter reporter,
    StartupPass startup,
    IdleTrim trim,
    TimeProvider time) : BackgroundService
{
    /// <summary>A failed pass is retried after 1 s, doubling while failures continue, up to this.</summary>
    private static readonly TimeSpan MaxErrorRetry = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Watchers are replaced this often (at a resync) in case one died silently (dotnet/runtime#133420). Not at every
    /// resync: re-creating them was the largest share of the idle CPU, and the resync itself already catches changes.
    /// </summary>
    private static readonly TimeSpan WatcherRotation = TimeSpan.FromMinutes(5);

    private long? _lastFailure;
    private int _failures;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = live.Current;

        // The start-up pass (run) already cleaned; without one (tests, or it failed) the loop does.
        var stale = startup.Result is null ? reconciler.Output.CleanStaleTempFiles(settings.CniDir) : startup.StaleTempFilesRemoved;
        reporter.Configuration(live.View);
        reporter.Started(settings, stale);
        if (startup.Result is { } first)
        {
            reporter.Report(settings, first, startup.Duration, watch.Mode, watch.Detail, live.Generation);
        }

        // Arm the watch before the first scan so nothing that happens during the scan is missed. The ConfigMap is
        // re-read once it is armed, in case it changed since the settings were loaded at start. (A failure here is
        // met again, and reported, by the first pass, which arms whatever is missing.)
        _ = watch.TryEnsure(settings.CniDir, settings.ConfigDir);
        signal.Queued();
        var nextResync = MonotonicClock.Now(time) + settings.Watch.Resync;
        var lastRotation = time.GetTimestamp();
        var kinds = ChangeKind.CniDirectory | ChangeKind.Configuration;
        var resync = false;
        var scope = ScanScope.Full;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (resync || kinds.HasFlag(ChangeKind.Configuration))
            {
                live.TryReload();
                reporter.Configuration(live.View);
            }

            if (kinds.HasFlag(ChangeKind.WatcherFailed))
            {
                watch.Invalidate();
            }

            settings = live.Current;
            var rotate = resync && time.GetElapsedTime(lastRotation) >= WatcherRotation;
            if (rotate)
            {
                lastRotation = time.GetTimestamp();
            }

            RunPass(settings, scope, rotate);

            try
            {
                kinds = await signal.WaitAsync(NextWake(settings, nextResync), stoppingToken);

                // A failing pass (disk full, read-only) makes events of its own (the temp file it tried): without this
                // pause they would wake the loop at once and spin. Events meanwhile fold into the next pass.
                if (kinds != ChangeKind.None && _lastFailure is { } failedAt && ErrorRetry - time.GetElapsedTime(failedAt) is { Ticks: > 0 } pause)
                {
                    await Task.Delay(pause, time, stoppingToken);
                    kinds |= ChangeKind.CniDirectory;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            resync = false;
            reporter.Tick();
            if (kinds == ChangeKind.None)
            {
                // A timer may fire a little early: that wake is the resync, not a full pass of its own followed by it.
                if (MonotonicClock.Now(time) + TimerSlack >= nextResync)
                {
                    resync = true;
                    reporter.Resync();
                    nextResync = MonotonicClock.Now(time) + live.Current.Watch.Resync;
                }

                // A timer of the loop's own (resync, poll, retry, grace, back-off) owes a pass just as an event does.
                signal.Queued();
                kinds = ChangeKind.CniDirectory;
            }

            scope = ScopeOf(kinds, resync);
        }

        if (live.Current.Output.CleanupOnExit && reconciler.Ownership.LastWritten?.FileName is { } written)
        {
            reporter.Removed(reconciler.Output.Remove(live.Current.CniDir, live.Current.Output, written, dryRun: false));
        }
    }

    /// <summary>How early a timer may fire and still count as the resync it was set for.</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(50);

    /// <summary>1 s after the first failure, doubling while they continue, at most <see cref="MaxErrorRetry"/>.</summary>
    private TimeSpan ErrorRetry => TimeSpan.FromSeconds(Math.Min(MaxErrorRetry.TotalSeconds, Math.Pow(2, Math.Max(0, _failures - 1))));

    /// <summary>
    /// How much of CniDir the next pass looks at: everything re-read at a resync; every entry's identity when polling,
    /// after a failure, or when a change came without names; otherwise only what notifications named.
    /// </summary>
    private ScanScope ScopeOf(ChangeKind kinds, bool resync)
    {
        var names = signal.TakeNames();
        return resync ? ScanScope.Fresh
            : watch.Mode != WatchMode.Notifications || _lastFailure is not null || kinds.HasFlag(ChangeKind.WatcherFailed) || names is null ? ScanScope.Full
            : ScanScope.Changed(names);
    }

    /// <summary>
    /// Nothing a pass meets may end the daemon: an I/O error (disk full, read-only, descriptors exhausted) and an
    /// unexpected exception alike are reported and retried, and the last good output stays in place.
    /// </summary>
    private void RunPass(AgentSettings settings, ScanScope scope, bool rotate)
    {
        reporter.Starting(signal.TakeQueued());
        var started = time.GetTimestamp();
        try
        {
            watch.SetReadyFile(settings.CniDir, settings.Primary.ReadyFile);
            watch.Ensure(settings.CniDir, settings.ConfigDir, rotate);
            var pass = reconciler.Run(settings, write: true, scope);
            _lastFailure = null;
            _failures = 0;
            reporter.Report(settings, pass, time.GetElapsedTime(started), watch.Mode, watch.Detail, live.Generation);
            trim.Passed();
        }
        catch (Exception ex)
        {
            _lastFailure = time.GetTimestamp();
            _failures++;
            reporter.ReportFailure(settings, ex, time.GetElapsedTime(started), watch.Mode, watch.Detail, live.Generation);
        }
    }

    /// <summary>The earliest of: the resync, the poll interval (when polling), an error retry, a held primary's grace, the end of a back-off.</summary>
    private TimeSpan NextWake(AgentSettings settings, TimeSpan nextResync)
    {
        var now = MonotonicClock.Now(time);
        var wake = nextResync - now;
        if (watch.Mode != WatchMode.Notifications)
        {
            wake = Min(wake, settings.Watch.PollInterval);
        }

        if (_lastFailure is not null)
        {
            wake = Min(wake, ErrorRetry);
        }

        if (reconciler.Memory.GraceEnds(settings.Primary) is { } graceEnds)
        {
            wake = Min(wake, graceEnds - now);
        }

        if (reconciler.Ownership.UntilRoom() is { } room)
        {
            wake = Min(wake, room);
        }

        return wake < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wake;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
