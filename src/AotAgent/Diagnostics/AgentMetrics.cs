using AotAgent.Watching;
using Prometheus;

namespace AotAgent.Diagnostics;

/// <summary>
/// Every metric the agent exports, on its own registry (no process-wide static state; tests get a fresh one).
/// Label values come from small fixed sets, except the single <c>primary_info</c> series.
/// </summary>
internal sealed class AgentMetrics
{
    private string[]? _primaryLabels;

    public AgentMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var f = Metrics.WithCustomRegistry(registry);
        Ready = f.CreateGauge("aotagent_ready", "1 when a primary is chosen, the output is written and current, and the runtime would load it first.");
        PrimaryInfo = f.CreateGauge("aotagent_primary_info", "The chosen primary CNI config (value 1); rule is the Primary__Prefer selector that chose it, or default.", "file", "network", "type", "cni_version", "rule");
        Reconciles = f.CreateCounter("aotagent_reconciles_total", "Reconcile passes by result.", "result");
        ReconcileDuration = f.CreateHistogram("aotagent_reconcile_duration_seconds", "Duration of one reconcile pass.", new HistogramConfiguration
        {
            Buckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
        });
        OutputWrites = f.CreateCounter("aotagent_output_writes_total", "Times the Multus config was (re)written.");
        OutputConflicts = f.CreateCounter("aotagent_output_conflicts_total", "Times another writer changed or removed the agent's output.");
        PrimaryChanges = f.CreateCounter("aotagent_primary_changes_total", "Times the chosen primary file changed.");
        Candidates = f.CreateGauge("aotagent_candidates", "Files in CniDir by verdict at the last pass.", "verdict");
        OutputFlushFailing = f.CreateGauge("aotagent_output_flush_failing", "1 while the output is in place but its directory cannot be flushed (the rename may not survive a power loss).");
        RuntimeLoad = f.CreateGauge("aotagent_runtime_load", "1 for what the runtime would load (Runtime__Kind's rules): loads_output, shadowed, loads_nothing, pin_bypasses_multus, no_output.", "state");
        OutputShadowed = f.CreateGauge("aotagent_output_shadowed", "1 when another file sorts before the agent's output.");
        WatchEvents = f.CreateCounter("aotagent_watch_events_total", "File notifications received (CniDir and ConfigMap directory).");
        WatchRestarts = f.CreateCounter("aotagent_watch_restarts_total", "Watchers recreated after an error or overflow.");
        Resyncs = f.CreateCounter("aotagent_resyncs_total", "Periodic full re-scans.");
        WatchPolling = f.CreateGauge("aotagent_watch_polling", "1 while file notifications are unavailable and the agent polls.");
        ConfigReloads = f.CreateCounter("aotagent_config_reloads_total", "ConfigMap changes by result.", "result");
        ConfigRejected = f.CreateGauge("aotagent_config_rejected", "1 while the ConfigMap holds a configuration the agent refuses (the last good one stays in force).");
        ConfigGeneration = f.CreateGauge("aotagent_config_generation", "Generation of the configuration in force (1 at start).");
        ConfigMapEmpty = f.CreateGauge("aotagent_config_configmap_empty", "1 while the ConfigMap directory is empty or missing and the last good configuration is kept (Config__AllowEmpty unset).");
        ConfigShadowedKeys = f.CreateGauge("aotagent_config_shadowed_keys", "ConfigMap keys the environment or the command line overrides, in the configuration in force.");
        LastSuccess = f.CreateGauge("aotagent_last_success_timestamp_seconds", "Unix time of the last successful pass.");
        LastQueued = f.CreateGauge("aotagent_last_queued_timestamp_seconds", "Unix time a pass was last queued (a watch event, a resync or another timer).");
        HttpConnections = f.CreateGauge("aotagent_http_connections", "Open HTTP connections by listener (main, probe).", "listener");
        HttpConnectionsRefused = f.CreateCounter("aotagent_http_connections_refused_total", "HTTP connections closed at accept because their listener was full.", "listener");
        BuildInfo = f.CreateGauge("aotagent_build_info", "Build information (value 1).", "version");
        BuildInfo.WithLabels(AgentInfo.Version).Set(1);
        foreach (var outcome in Vocabulary.PassOutcomes)
        {
            Reconciles.WithLabels(Vocabulary.Name(outcome));
        }

        HttpConnections.WithLabels("main");
        HttpConnections.WithLabels("probe");
        HttpConnectionsRefused.WithLabels("main");
        HttpConnectionsRefused.WithLabels("probe");
        ConfigReloads.WithLabels("applied");
        ConfigReloads.WithLabels("rejected");
    }

    public CollectorRegistry Registry { get; }

    public Gauge Ready { get; }

    public Gauge PrimaryInfo { get; }

    public Counter Reconciles { get; }

    public Histogram ReconcileDuration { get; }

    public Counter OutputWrites { get; }

    public Counter OutputConflicts { get; }

    public Counter PrimaryChanges { get; }

    public Gauge Candidates { get; }

    public Gauge OutputShadowed { get; }

    public Gauge RuntimeLoad { get; }

    public Gauge OutputFlushFailing { get; }

    public Counter WatchEvents { get; }

    public Counter WatchRestarts { get; }

    public Counter Resyncs { get; }

    public Gauge WatchPolling { get; }

    public Counter ConfigReloads { get; }

    public Gauge ConfigRejected { get; }

    public Gauge ConfigGeneration { get; }

    public Gauge ConfigMapEmpty { get; }

    public Gauge ConfigShadowedKeys { get; }

    public Gauge LastSuccess { get; }

    public Gauge LastQueued { get; }

    public Gauge HttpConnections { get; }

    public Counter HttpConnectionsRefused { get; }

    public Gauge BuildInfo { get; }

    /// <summary>Reads when a pass was last queued at each scrape, so a loop that never takes it still shows it.</summary>
    public void Observe(ChangeSignal signal) => Registry.AddBeforeCollectCallback(() =>
    {
        if (signal.LastQueued is { } queued)
        {
            LastQueued.Set(queued.ToUnixTimeMilliseconds() / 1000.0);
        }
    });

    /// <summary>Keeps exactly one <c>primary_info</c> series: the old one is removed when the primary changes.</summary>
    public void SetPrimary(string? file, string? network, string? type, string? cniVersion, string rule)
    {
        string[]? labels = file is null ? null : [file, network ?? string.Empty, type ?? string.Empty, cniVersion ?? string.Empty, rule];
        if (_primaryLabels is not null && (labels is null || !_primaryLabels.SequenceEqual(labels)))
        {
            PrimaryInfo.RemoveLabelled(_primaryLabels);
        }

        if (labels is not null)
        {
            PrimaryInfo.WithLabels(labels).Set(1);
        }

        _primaryLabels = labels;
    }
}
