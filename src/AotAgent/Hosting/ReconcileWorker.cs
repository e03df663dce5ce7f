using System.IO.Abstractions;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Output;
using AotAgent.Reconciliation;
using AotAgent.Resolution;
using AotAgent.Watching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AotAgent.Hosting;

/// <summary>
/// The daemon loop. Level-triggered: every wake-up (notification, resync timer, poll) runs one full pass; events that
/// arrive during a pass fold into one more. Failures are logged and counted and the last good output is kept.
/// </summary>
public sealed class ReconcileWorker(
    IFileSystem fileSystem,
    LiveSettings live,
    Reconciler reconciler,
    AtomicFileWriter writer,
    WatchSupervisor watch,
    ChangeSignal signal,
    AgentMetrics metrics,
    DaemonStatus status,
    StartupPass startup,
    TimeProvider time,
    ILogger<ReconcileWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ErrorRetry = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Watchers are replaced this often (at a resync) in case one died silently (dotnet/runtime#133420). Not at every
    /// resync: re-creating them was the largest share of the idle CPU, and the resync itself already catches changes.
    /// </summary>
    private static readonly TimeSpan WatcherRotation = TimeSpan.FromMinutes(5);
    private Decision? _previous;
    private OutputState? _lastWritten;
    private OutputState? _lastForeign;
    private ConflictGuard? _guard;
    private bool _shadowLogged;
    private bool _passFailed;
    private DateTimeOffset _lastFailure;
    private string? _lastFailureMessage;
    private string? _lastLoggedReason;
    private IReadOnlyList<string> _lastFindings = [];
    private string? _lastFlushError;

    /// <summary>Passes run so far (tests assert bounds on it).</summary>
    public long Passes { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = live.Current;
        // The start-up pass (run) already cleaned; without one (tests, or it failed) the worker does.
        var stale = startup.Result is null ? writer.CleanStaleTempFiles(settings.CniDir) : startup.StaleTempFilesRemoved;
        if (stale > 0)
        {
            logger.StaleTempFilesRemoved(stale);
        }

        logger.Started(AgentInfo.Version, settings.CniDir, settings.Mode.ToString().ToLowerInvariant(), string.Join(", ", settings.Prefer));

        if (startup.Result is { } first)
        {
            Passes++;
            Account(settings, first, conflict: false, backoff: false);
        }

        // Arm the watch before the first scan so nothing that happens during the scan is missed. The ConfigMap is
        // re-read once it is armed, in case it changed since the settings were loaded at start.
        watch.Ensure(settings.CniDir, settings.ConfigDir, rotate: false);
        var nextResync = time.GetUtcNow() + settings.Resync;
        var lastRotation = time.GetUtcNow();
        var kinds = ChangeKind.CniDirectory | ChangeKind.Configuration;
        var resync = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (resync || kinds.HasFlag(ChangeKind.Configuration))
            {
                var before = live.Current;
                if (live.TryReload() && before.ConflictBudget != live.Current.ConflictBudget)
                {
                    _guard = null;
                }
            }

            if (kinds.HasFlag(ChangeKind.WatcherFailed))
            {
                watch.Invalidate();
            }

            settings = live.Current;
            var rotate = resync && time.GetUtcNow() - lastRotation >= WatcherRotation;
            if (rotate)
            {
                lastRotation = time.GetUtcNow();
            }

            watch.Ensure(settings.CniDir, settings.ConfigDir, rotate);
            RunPass(settings);

            try
            {
                kinds = await signal.WaitAsync(NextWake(settings, nextResync), time, stoppingToken);

                // A failing pass (disk full, read-only) makes events of its own (the temp file it tried): without this
                // pause they would wake the loop at once and spin. Events meanwhile fold into the next pass.
                if (kinds != ChangeKind.None && _passFailed && _lastFailure + ErrorRetry - time.GetUtcNow() is { Ticks: > 0 } pause)
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
            status.Tick();
            if (kinds == ChangeKind.None)
            {
                if (time.GetUtcNow() >= nextResync)
                {
                    resync = true;
                    metrics.Resyncs.Inc();
                    nextResync = time.GetUtcNow() + live.Current.Resync;
                }

                kinds = ChangeKind.CniDirectory;
            }
        }

        if (live.Current.CleanupOnExit)
        {
            RemoveOutput(live.Current);
        }
    }

    private TimeSpan NextWake(AgentSettings settings, DateTimeOffset nextResync)
    {
        var now = time.GetUtcNow();
        var wake = nextResync - now;
        if (watch.Mode != WatchMode.Notifications)
        {
            wake = Min(wake, settings.PollInterval);
        }

        if (_passFailed)
        {
            wake = Min(wake, ErrorRetry);
        }

        if (_previous is { Outcome: DecisionOutcome.Held, InvalidSince: { } since })
        {
            wake = Min(wake, since + settings.InvalidGrace - now);
        }

        if (_guard?.UntilRoom() is { } room)
        {
            wake = Min(wake, room);
        }

        return wake < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wake;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private void RunPass(AgentSettings settings)
    {
        var started = time.GetTimestamp();
        Passes++;
        _guard ??= new ConflictGuard(time, settings.ConflictBudget);
        var conflict = false;
        var backoff = false;
        try
        {
            var pass = reconciler.Run(settings, _previous, before => MayWrite(settings, before, ref conflict, ref backoff));
            _passFailed = false;
            _lastFailureMessage = null;
            Account(settings, pass, conflict, backoff);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _passFailed = true;
            _lastFailure = time.GetUtcNow();

            // The same failure repeats once a second while it lasts: log it when it first appears (the metric counts all).
            if (ex.Message != _lastFailureMessage)
            {
                _lastFailureMessage = ex.Message;
                logger.PassFailed(ex);
            }
            metrics.Reconciles.WithLabels("error").Inc();
            metrics.Ready.Set(0);
            status.Record(settings, null, ex.Message, false, conflict, backoff, watch.Mode, watch.Detail, live.Generation);
        }
        finally
        {
            metrics.ReconcileDuration.Observe(time.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>Records a successful pass: status, metrics, logs, and the state the next pass starts from.</summary>
    private void Account(AgentSettings settings, PassResult pass, bool conflict, bool backoff)
    {
        status.Record(settings, pass, null, pass.Write == WriteOutcome.Written, conflict, backoff, watch.Mode, watch.Detail, live.Generation);
        Observe(settings, pass, backoff);
        metrics.Reconciles.WithLabels(Result(settings, pass, backoff)).Inc();
        metrics.LastSuccess.Set(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>Decides whether this pass may write, detecting another writer by comparing with what the agent last wrote.</summary>
    private bool MayWrite(AgentSettings settings, OutputState before, ref bool conflict, ref bool backoff)
    {
        if (_lastWritten is null || (before.FileName == _lastWritten.FileName && before.Content.AsSpan().SequenceEqual(_lastWritten.Content)))
        {
            _lastForeign = null;
            return true;
        }

        // Count each foreign state once, not once per pass while backing off. The bytes themselves are kept (at most
        // 1 MiB, usually a few hundred bytes): hashing them would load OpenSSL for nothing.
        var foreign = before;
        var output = _lastWritten.FileName ?? settings.ConfFileName;
        var cause = ConflictDiagnosis.LikelyCause(before.Content, before.FileName is not null,
            fileSystem.File.Exists(fileSystem.Path.Combine(settings.CniDir, output + ".cilium_bak")));
        if (_lastForeign is null || foreign.FileName != _lastForeign.FileName || !foreign.Content.AsSpan().SequenceEqual(_lastForeign.Content))
        {
            _lastForeign = foreign;
            conflict = true;
            metrics.OutputConflicts.Inc();
            logger.OutputConflict(output, ConflictDiagnosis.Describe(before.Content, before.FileName is not null), cause);
        }

        var wasBackingOff = _guard!.InBackoff;
        if (_guard.TryRestore())
        {
            _lastForeign = null;
            return true;
        }

        backoff = true;
        if (!wasBackingOff)
        {
            logger.ConflictBackoff(output, _guard.RestoresInWindow, cause);
        }

        return false;
    }

    private void Observe(AgentSettings settings, PassResult pass, bool backoff)
    {
        var d = pass.Decision;
        if (pass.Rendered is { } rendered && pass.Write is not null)
        {
            _lastWritten = new OutputState(rendered.FileName, rendered.Content);
        }

        if (pass.Write == WriteOutcome.Written)
        {
            metrics.OutputWrites.Inc();
            logger.OutputWritten(pass.Rendered!.FileName, d.Primary!.File);
        }

        if (d.Outcome == DecisionOutcome.Selected && d.Primary is { Network: { } n } p && p.File != _previous?.Primary?.File)
        {
            if (_previous?.Primary is not null)
            {
                metrics.PrimaryChanges.Inc();
            }

            logger.PrimaryChanged(p.File, n.Name, n.MainType, d.Reason);
        }

        if (d.Outcome is DecisionOutcome.Selected or DecisionOutcome.Held or DecisionOutcome.NoPrimary)
        {
            _previous = d;
        }

        if (d.Outcome != DecisionOutcome.Selected && d.Reason != _lastLoggedReason)
        {
            switch (d.Outcome)
            {
                case DecisionOutcome.Held: logger.Held(d.Reason); break;
                case DecisionOutcome.NoPrimary: logger.NoPrimary(d.Reason); break;
                default: logger.Waiting(d.Reason); break;
            }
        }

        _lastLoggedReason = d.Outcome == DecisionOutcome.Selected ? null : d.Reason;
        if (pass.Shadowed && !_shadowLogged)
        {
            logger.OutputShadowed(pass.RuntimeWouldLoad!, pass.OutputFile!);
        }

        _shadowLogged = pass.Shadowed;
        if (pass.FlushError != _lastFlushError && pass.OutputFile is { } output)
        {
            if (pass.FlushError is { } flushError)
            {
                logger.DirectoryFlushFailed(output, flushError);
            }
            else
            {
                logger.DirectoryFlushRecovered(output);
            }

            _lastFlushError = pass.FlushError;
        }

        metrics.OutputFlushFailing.Set(pass.FlushError is null ? 0 : 1);
        if (!pass.DaemonConfigFindings.SequenceEqual(_lastFindings))
        {
            foreach (var finding in pass.DaemonConfigFindings.Except(_lastFindings))
            {
                logger.DaemonConfigFinding(finding);
            }

            _lastFindings = pass.DaemonConfigFindings;
        }

        metrics.OutputShadowed.Set(pass.Shadowed ? 1 : 0);
        metrics.SetPrimary(d.Primary?.File, d.Primary?.Network?.Name, d.Primary?.Network?.MainType, d.Primary?.Network?.CniVersion);
        foreach (var verdict in (Verdict[])[Verdict.Selected, Verdict.Eligible, Verdict.Excluded, Verdict.Invalid, Verdict.Ignored])
        {
            metrics.Candidates.WithLabels(ExplainReportBuilder.Name(verdict)).Set(d.Candidates.Count(c => c.Verdict == verdict));
        }

        metrics.Ready.Set(status.Readiness().Ready && !backoff ? 1 : 0);
    }

    private static string Result(AgentSettings settings, PassResult pass, bool backoff) => pass.Decision.Outcome switch
    {
        DecisionOutcome.Held => "held",
        DecisionOutcome.NoPrimary => "no_primary",
        DecisionOutcome.WaitingForReadyFile => "waiting",
        DecisionOutcome.DirectoryMissing => "dir_missing",
        _ when backoff => "backoff",
        _ when settings.DryRun => "dry_run",
        _ => pass.Write == WriteOutcome.Written ? "written" : "unchanged",
    };

    private void RemoveOutput(AgentSettings settings)
    {
        foreach (var name in new[] { settings.ConfFileName, settings.ConflistFileName })
        {
            var path = fileSystem.Path.Combine(settings.CniDir, name);
            if (_lastWritten?.FileName == name && fileSystem.File.Exists(path))
            {
                fileSystem.File.Delete(path);
                logger.OutputRemovedOnExit(path);
            }
        }
    }
}
