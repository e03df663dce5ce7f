using AotAgent.Configuration;
using AotAgent.Reconciliation;
using AotAgent.Resolution;
using AotAgent.Watching;

namespace AotAgent.Diagnostics;

/// <summary>What the loop last did, shared with the HTTP endpoints. Written by the loop only; read by any thread.</summary>
internal sealed class DaemonStatus(TimeProvider time)
{
    private readonly Lock _lock = new();
    private Snapshot _state = new(null, null, null, null, null, 0, 0, 0, WatchMode.WaitingForDirectory, null, 1, null, null);
    private ConfigurationView? _configuration;

    private sealed record Snapshot(
        AgentSettings? Settings,
        PassResult? Pass,
        DateTimeOffset? LastPass,
        DateTimeOffset? LastSuccess,
        string? LastError,
        long Passes,
        long Writes,
        long Conflicts,
        WatchMode WatchMode,
        string? WatchDetail,
        long Generation,
        long? LastTick,
        long? FailingSince);

    /// <summary>Passes recorded so far (successful or not).</summary>
    public long Passes => _state.Passes;

    /// <summary>The configuration in force (set by the loop at start and after every reload).</summary>
    public void SetConfiguration(ConfigurationView view) => _configuration = view;

    public void Tick()
    {
        lock (_lock)
        {
            _state = _state with { LastTick = time.GetTimestamp() };
        }
    }

    /// <summary>Records a pass; <paramref name="pass"/> is null and <paramref name="error"/> set when it failed.</summary>
    public void Record(AgentSettings settings, PassResult? pass, string? error, WatchMode mode, string? watchDetail, long generation)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _state = _state with
            {
                Settings = settings,
                Pass = pass ?? _state.Pass,
                LastPass = now,
                LastSuccess = error is null ? now : _state.LastSuccess,
                LastError = error,
                Passes = _state.Passes + 1,
                Writes = _state.Writes + (pass?.Wrote == true ? 1 : 0),
                Conflicts = _state.Conflicts + (pass?.Ownership.Change is not null ? 1 : 0),
                WatchMode = mode,
                WatchDetail = watchDetail,
                Generation = generation,
                LastTick = time.GetTimestamp(),
                FailingSince = error is null ? null : _state.FailingSince ?? time.GetTimestamp(),
            };
        }
    }

    /// <summary>
    /// Live while the loop turns (it wakes at least once per resync interval) and its passes do not keep failing:
    /// past the same bound, a restart is the better bet. Both bounds are on the monotonic clock.
    /// </summary>
    public (bool Live, string Reason) Liveness()
    {
        var s = _state;
        if (s.LastTick is not { } tick)
        {
            return (true, "starting");
        }

        var limit = (s.Settings?.Watch.Resync ?? TimeSpan.FromSeconds(30)) * 3 + TimeSpan.FromSeconds(10);
        var age = time.GetElapsedTime(tick);
        if (age > limit)
        {
            return (false, $"reconcile loop stalled for {age.TotalSeconds:F0}s");
        }

        return s.FailingSince is { } since && time.GetElapsedTime(since) is var failing && failing > limit
            ? (false, $"every pass has failed for {failing.TotalSeconds:F0}s: {s.LastError}")
            : (true, "reconcile loop turning");
    }

    /// <summary>Ready or not with the reason; a configuration notice (an emptied ConfigMap kept at the last good one) is appended.</summary>
    public (bool Ready, string Reason) Readiness()
    {
        var (ready, reason) = PassReadiness();
        return _configuration?.Notice is { } notice ? (ready, $"{reason}; configuration: {notice}") : (ready, reason);
    }

    private (bool Ready, string Reason) PassReadiness()
    {
        var s = _state;
        if (s.Pass is not { } pass || s.Settings is not { } settings)
        {
            return (false, "no pass completed yet");
        }

        var watch = s.WatchMode == WatchMode.Polling ? $" (polling: {s.WatchDetail})" : string.Empty;
        var d = pass.Decision;
        if (d.Outcome is not (DecisionOutcome.Selected or DecisionOutcome.Held))
        {
            return (false, Vocabulary.Name(d.Outcome) + ": " + d.Reason);
        }

        if (settings.Output.DryRun)
        {
            return (true, "dry run: primary " + d.Primary?.File + watch);
        }

        if (s.LastError is { } error)
        {
            return (false, "last pass failed: " + error);
        }

        if (pass.OutputFile is null)
        {
            return (false, "output not written");
        }

        if (d.Outcome == DecisionOutcome.Selected && !pass.OutputUpToDate)
        {
            return (false, pass.Ownership.Backoff ? "output changed by another writer; backing off" : "output not up to date");
        }

        if (pass.RuntimeMisses)
        {
            return (false, Vocabulary.Name(pass.Runtime.State) + ": " + pass.Runtime.Reason);
        }

        var durability = pass.FlushError is { } flush ? $" (not yet durable: {flush})" : string.Empty;
        var rule = settings.Primary.Prefer.Count == 0 ? " (no Primary__Prefer rule: the safe default chose it)" : string.Empty;
        return (true, $"{pass.OutputFile} delegates to {d.Primary?.File}{rule}{watch}{durability}");
    }

    public StatusReport Report()
    {
        var s = _state;
        var (ready, reason) = Readiness();
        var configuration = _configuration;
        var explain = s.Pass is not null && s.Settings is not null ? ExplainReportBuilder.Build(s.Settings, s.Pass, configuration?.Values) : null;
        return new StatusReport(explain, new DaemonState(
            AgentInfo.Version, s.Generation, s.LastPass, s.LastSuccess, s.LastError, s.Passes, s.Writes, s.Conflicts,
            s.Pass?.Ownership.Backoff ?? false, s.WatchMode == WatchMode.Polling, ready, reason, s.Pass?.FlushError, configuration?.Notice));
    }
}
