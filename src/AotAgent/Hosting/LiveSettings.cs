using AotAgent.Configuration;
using AotAgent.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AotAgent.Hosting;

/// <summary>
/// The configuration in force. A ConfigMap edit is re-read and validated; a good one becomes the next generation, a
/// bad one is refused (logged once, counted) and the last good configuration stays.
/// </summary>
internal sealed class LiveSettings
{
    private readonly SettingsLoader _loader;
    private readonly AgentMetrics _metrics;
    private readonly ILogger<LiveSettings> _logger;
    private List<KeyValuePair<string, string?>> _snapshot;
    private string? _lastRejection;

    public LiveSettings(SettingsLoader loader, AgentSettings initial, IConfiguration initialConfiguration, AgentMetrics metrics, ILogger<LiveSettings> logger)
    {
        _loader = loader;
        _metrics = metrics;
        _logger = logger;
        Current = initial;
        _snapshot = Snapshot(initialConfiguration);
        metrics.ConfigGeneration.Set(Generation);
    }

    public AgentSettings Current { get; private set; }

    public long Generation { get; private set; } = 1;

    public string? LastRejection => _lastRejection;

    /// <summary>Re-reads every layer; returns true when a new generation was applied.</summary>
    public bool TryReload()
    {
        AgentSettings next;
        IConfigurationRoot configuration;
        try
        {
            next = _loader.Load(out configuration);
        }
        catch (ConfigurationException ex)
        {
            if (ex.Message != _lastRejection)
            {
                _lastRejection = ex.Message;
                _metrics.ConfigReloads.WithLabels("rejected").Inc();
                _logger.ConfigRejected(ex.Message);
            }

            return false;
        }

        var snapshot = Snapshot(configuration);
        _lastRejection = null;
        if (snapshot.SequenceEqual(_snapshot))
        {
            return false;
        }

        if (next.Http != Current.Http)
        {
            _logger.RestartRequired("Http__Address/Http__Port/Http__ProbePort");
        }

        _snapshot = snapshot;
        Current = next;
        Generation++;
        _metrics.ConfigReloads.WithLabels("applied").Inc();
        _metrics.ConfigGeneration.Set(Generation);
        _logger.ConfigApplied(Generation);
        return true;
    }

    private static List<KeyValuePair<string, string?>> Snapshot(IConfiguration configuration) =>
        configuration.AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
}
