using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Reconciliation;
using AotAgent.Resolution;
using AotAgent.Watching;
using Microsoft.Extensions.Logging;

namespace AotAgent.Diagnostics;

/// <summary>
/// Reports each pass: the status the HTTP endpoints serve, the metrics, and the log. A state is logged when it begins
/// (a new primary, a new reason for having none, a new finding), not on every pass that finds it again.
/// </summary>
internal sealed class PassReporter(AgentMetrics metrics, DaemonStatus status, TimeProvider time, ILogger<PassReporter> logger)
{
    private string? _primary;
    private string? _lastReason;
    private RuntimeLoad _runtimeLogged = RuntimeLoad.LoadsOutput;
    private string? _flushError;
    private string? _failure;
    private IReadOnlyList<string> _findings = [];
    private ConflictReporter? _conflicts;

    public void Started(AgentSettings settings, int staleTempFilesRemoved)
    {
        if (staleTempFilesRemoved > 0)
        {
            logger.StaleTempFilesRemoved(staleTempFilesRemoved);
        }

        var prefer = settings.Primary.Prefer.Count == 0 ? "none set: the safe default picks the first valid file that is not a chained copy" : string.Join(", ", settings.Primary.Prefer);
        logger.Started(AgentInfo.Version, settings.CniDir, settings.Multus.Mode.ToString().ToLowerInvariant(), prefer);
        if (settings.Output.CleanupOnExit)
        {
            logger.CleanupOnExitOn(settings.Output.ConfName);
        }
    }

    /// <summary>The configuration in force, with its sources and any notice, for <c>/status</c> and <c>/readyz</c>.</summary>
    public void Configuration(ConfigurationView view) => status.SetConfiguration(view);

    /// <summary>A pass starts on what was queued since <paramref name="queuedSince"/> (health: last queued vs last applied).</summary>
    public void Starting(long? queuedSince) => status.PassStarting(queuedSince);

    /// <summary>The loop woke up (liveness).</summary>
    public void Tick() => status.Tick();

    public void Resync() => metrics.Resyncs.Inc();

    public void Removed(IEnumerable<OutputRemoval> removals)
    {
        foreach (var removal in removals)
        {
            if (removal.Removed)
            {
                logger.OutputRemovedOnExit(removal.Path);
            }
            else if (removal.KeptBecause is { } reason)
            {
                logger.OutputKeptOnExit(removal.Path, reason);
            }
        }
    }

    public void Report(AgentSettings settings, PassResult pass, TimeSpan duration, WatchMode mode, string? watchDetail, long generation)
    {
        metrics.ReconcileDuration.Observe(duration.TotalSeconds);
        _failure = null;
        status.Record(settings, pass, null, mode, watchDetail, generation);
        (_conflicts ??= new ConflictReporter(metrics, time, logger)).Report(pass);
        LogDecision(pass);
        LogOutput(pass);
        PassMetrics.Update(metrics, settings, pass, status.Readiness().Ready);
        metrics.Reconciles.WithLabels(Vocabulary.Name(pass.Outcome)).Inc();
        metrics.LastSuccess.Set(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>A pass that threw: the same failure repeats while it lasts, so it is logged when it first appears.</summary>
    public void ReportFailure(AgentSettings settings, Exception exception, TimeSpan duration, WatchMode mode, string? watchDetail, long generation)
    {
        metrics.ReconcileDuration.Observe(duration.TotalSeconds);
        if (exception.Message != _failure)
        {
            _failure = exception.Message;
            logger.PassFailed(exception);
        }

        metrics.Reconciles.WithLabels(Vocabulary.Name(PassOutcome.Error)).Inc();
        metrics.Ready.Set(0);
        status.Record(settings, null, exception.Message, mode, watchDetail, generation);
    }

    private void LogDecision(PassResult pass)
    {
        var d = pass.Decision;
        if (d.Outcome == DecisionOutcome.Selected && d.Primary is { Network: { } n } p && p.File != _primary)
        {
            if (_primary is not null)
            {
                metrics.PrimaryChanges.Inc();
            }

            logger.PrimaryChanged(p.File, n.Name, n.MainType, d.Reason);
        }

        if (d.Outcome is DecisionOutcome.Selected or DecisionOutcome.Held or DecisionOutcome.NoPrimary)
        {
            _primary = d.Primary?.File;
        }

        if (d.Outcome != DecisionOutcome.Selected && d.Reason != _lastReason)
        {
            switch (d.Outcome)
            {
                case DecisionOutcome.Held: logger.Held(d.Reason); break;
                case DecisionOutcome.NoPrimary or DecisionOutcome.DirectoryTooLarge: logger.NoPrimary(d.Reason); break;
                default: logger.Waiting(d.Reason); break;
            }
        }

        _lastReason = d.Outcome == DecisionOutcome.Selected ? null : d.Reason;
    }

    private void LogOutput(PassResult pass)
    {
        if (pass.Wrote)
        {
            metrics.OutputWrites.Inc();
            logger.OutputWritten(pass.TargetFile!, pass.Decision.Primary!.File);
        }

        foreach (var previous in pass.PreviousOutputs)
        {
            if (previous.KeptBecause is { } reason)
            {
                logger.OldOutputKept(previous.Path, reason);
            }
            else
            {
                logger.OutputRenamed(previous.Path);
            }
        }

        if (pass.RuntimeMisses && pass.Runtime.State != _runtimeLogged)
        {
            logger.OutputShadowed(pass.Runtime.Reason);
        }

        _runtimeLogged = pass.Runtime.State;
        if (pass.FlushError != _flushError && pass.OutputFile is { } output)
        {
            if (pass.FlushError is { } flushError)
            {
                logger.DirectoryFlushFailed(output, flushError);
            }
            else
            {
                logger.DirectoryFlushRecovered(output);
            }

            _flushError = pass.FlushError;
        }

        if (!pass.DaemonConfigFindings.SequenceEqual(_findings))
        {
            foreach (var finding in pass.DaemonConfigFindings.Except(_findings))
            {
                logger.DaemonConfigFinding(finding);
            }

            _findings = pass.DaemonConfigFindings;
        }
    }
}
