using AotAgent.Configuration;
using AotAgent.Reconciliation;
using AotAgent.Resolution;
using AotAgent.Watching;

namespace AotAgent.Diagnostics;

/// <summary>
/// What the loop last did, shared with the HTTP endpoints. Written by the loop only; read by any thread. Health follows
/// kube-proxy: a change that has waited longer than the bound for a successful pass (queued, either still in
/// <paramref name="signal"/> or taken by a pass that failed) fails <c>/healthz</c>, as does a loop that stopped turning.
/// </summary>
internal sealed class DaemonStatus(TimeProvider time, ChangeSignal signal)
{
    private readonly Lock _lock = new();
    private Snapshot _state = new(null, null, null, null, null, 0, 0, 0, WatchMode.WaitingForDirectory, null, 1, null, null, null, 0);
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
        long? FailingSince,
        long? WaitingSince,
        long Version);

    /// <summary>Passes recorded so far (successful or not).</summary>
    public long Passes => _state.Passes;

    /// <summary>The configuration in force (set by the loop at start and after every reload).</summary>
    public void SetConfiguration(ConfigurationView view) => _configuration = view;

    /// <summary>What <see cref="Report"/> returns is the same for one version: it changes with every pass and every queued one.</summary>
    public (long Recorded, DateTimeOffset? Queued) Version => (_state.Version, signal.LastQueued);

    /// <summary>
    /// Bound for both health checks: the loop wakes at least every resync, and a failed pass is retried within 30 s, so
    /// past three resyncs and 10 s something is wrong that a restart may fix.
    /// </summary>
    public static TimeSpan HealthBound(AgentSettings? settings) => (settings?.Watch.Resync ?? TimeSpan.FromSeconds(30)) * 3 + TimeSpan.FromSeconds(10);

    /// <summary>A pass starts on what was queued since <paramref name="queuedSince"/>; it stays owed until a pass succeeds.</summary>
    public void PassStarting(long? queuedSince)
    {
        if (queuedSince is not { } queued)
        {
            return;
        }

        lock (_lock)
        {
            _state = _state with { WaitingSince = _state.WaitingSince is { } w && w < queued ? w : queued };
        }
    }

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
                WaitingSince = error is null ? null : _state.WaitingSince,
                Version = _state.Version + 1,
            };
        }
    }

    /// <summary>
    /// Live while the loop turns (it wakes at least once per resync interval) and no change has waited past the bound
    /// for a successful pass (<see cref="HealthBound"/>). Both are measured on the monotonic clock.
    /// </summary>
    public (bool Live, string Reason) Liveness()
    {
        var s = _state;
        if (s.LastTick is not { } tick)
        {
            return (true, "starting");
        }

        var limit = HealthBound(s.Settings);
        var age = time.GetElapsedTime(tick);
        if (age > limit)
        {
            return (false, $"reconcile loop stalled for {age.TotalSeconds:F0}s");
        }

        var waiting = Oldest(s.WaitingSince, signal.QueuedSince) is { } since ? time.GetElapsedTime(since) : TimeSpan.Zero;
        if (waiting <= limit)
        {
            return (true, "reconcile loop turning");
        }

        return s.FailingSince is { } failing
            ? (false, $"every pass has failed for {time.GetElapsedTime(failing).TotalSeconds:F0}s, and a change has waited {waiting.TotalSeconds:F0}s: {s.LastError}")
            : (false, $"a change has waited {waiting.TotalSeconds:F0}s without a successful pass (bound {limit.TotalSeconds:F0}s)");
    }

    private static long? Oldest(long? a, long? b) => a is { } x && b is { } y ? Math.Min(x, y) : a ?? b;

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

    /// <summary>The status document; at most <paramref name="maxCandidates"/> candidates are listed, the rest counted.</summary>
    public StatusReport Report(int maxCandidates = int.MaxValue)
    {
        var s = _state;
        var (ready, reason) = Readiness();
        var configuration = _configuration;
        var explain = s.Pass is not null && s.Settings is not null ? ExplainReportBuilder.Build(s.Settings, s.Pass, configuration?.Values) : null;
        return StatusReport.Create(explain, maxCandidates, new DaemonState(
            AgentInfo.Version, s.Generation, s.LastPass, s.LastSuccess, signal.LastQueued, s.LastError, s.Passes, s.Writes, s.Conflicts,
            s.Pass?.Ownership.Backoff ?? false, s.WatchMode == WatchMode.Polling, ready, reason, s.Pass?.FlushError, configuration?.Notice));
    }
}
