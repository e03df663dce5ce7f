using AotAgent.Configuration;
using AotAgent.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AotAgent.Hosting;

/// <summary>
/// The configuration in force. A ConfigMap edit is re-read (one consistent snapshot) and validated; a good one becomes
/// the next generation, a bad one is refused (logged once, counted) and the last good configuration stays. A ConfigMap
/// that had keys and becomes empty or disappears is not a silent return to the defaults: the last good configuration
/// stays and the operator is told, unless <c>Config__AllowEmpty=true</c>. ConfigMap keys that the environment or the
/// command line override are logged once per generation.
/// </summary>
internal sealed class LiveSettings
{
    private readonly SettingsLoader _loader;
    private readonly AgentMetrics _metrics;
    private readonly ILogger<LiveSettings> _logger;
    private LoadedSettings _loaded;
    private string _fingerprint;
    private string? _lastRejection;
    private string? _notice;

    /// <summary>
    /// Starts from <paramref name="initial"/>, the settings the last <see cref="SettingsLoader.Read"/> of
    /// <paramref name="loader"/> returned (its reading carries the ConfigMap state and the sources).
    /// </summary>
    public LiveSettings(SettingsLoader loader, AgentSettings initial, IConfiguration initialConfiguration, AgentMetrics metrics, ILogger<LiveSettings> logger)
    {
        ArgumentNullException.ThrowIfNull(initialConfiguration);
        _loader = loader;
        _metrics = metrics;
        _logger = logger;
        _loaded = loader.Last is { } last && ReferenceEquals(last.Settings, initial) ? last : loader.Read();
        _fingerprint = _loaded.Fingerprint();
        Current = initial;
        metrics.ConfigGeneration.Set(Generation);
        Shadows();
    }

    public AgentSettings Current { get; private set; }

    public long Generation { get; private set; } = 1;

    public string? LastRejection => _lastRejection;

    /// <summary>What <c>/status</c> and <c>/readyz</c> show about the configuration in force.</summary>
    public ConfigurationView View => new(Generation, _loaded.Values, _notice);

    /// <summary>Re-reads every layer; returns true when a new generation was applied.</summary>
    public bool TryReload()
    {
        LoadedSettings next;
        try
        {
            next = _loader.Read();
        }
        catch (ConfigMapChangingException ex)
        {
            // A kubelet swap under way is not the operator's mistake: the events it makes bring the next reading.
            _logger.ConfigReadRetried(ex.Message);
            return false;
        }
        catch (ConfigurationException ex)
        {
            var message = string.Join("; ", ex.Errors.Count > 0 ? ex.Errors.Select(e => e.ToString()) : [ex.Message]);
            if (message != _lastRejection)
            {
                _lastRejection = message;
                _metrics.ConfigReloads.WithLabels("rejected").Inc();
                _metrics.ConfigRejected.Set(1);
                _logger.ConfigRejected(message);
            }

            return false;
        }

        _lastRejection = null;
        _metrics.ConfigRejected.Set(0);
        if (!next.ConfigMap.HasKeys && _loaded.ConfigMap.HasKeys && !next.Settings.AllowEmptyConfigMap)
        {
            KeepLastGood(next);
            return false;
        }

        if (_notice is not null)
        {
            _notice = null;
            _metrics.ConfigMapEmpty.Set(0);
            _logger.ConfigMapRestored(next.Settings.ConfigDir);
        }

        var fingerprint = next.Fingerprint();
        if (fingerprint == _fingerprint)
        {
            return false;
        }

        if (next.Settings.Http != Current.Http)
        {
            _logger.RestartRequired("Http__Address/Http__Port/Http__ProbePort");
        }

        if (next.Settings.Output.CleanupOnExit != Current.Output.CleanupOnExit)
        {
            // The uninstall sequence (deploy/README.md) waits for this line on every node before helm uninstall.
            if (next.Settings.Output.CleanupOnExit)
            {
                _logger.CleanupOnExitOn(next.Settings.Output.ConfName);
            }
            else
            {
                _logger.CleanupOnExitOff(next.Settings.Output.ConfName);
            }
        }

        _loaded = next;
        _fingerprint = fingerprint;
        Current = next.Settings;
        Generation++;
        _metrics.ConfigReloads.WithLabels("applied").Inc();
        _metrics.ConfigGeneration.Set(Generation);
        _logger.ConfigApplied(Generation);
        Shadows();
        return true;
    }

    /// <summary>The ConfigMap emptied or removed: said once (warning, notice, gauge) while it lasts.</summary>
    private void KeepLastGood(LoadedSettings next)
    {
        if (_notice is not null)
        {
            return;
        }

        var state = next.ConfigMap.State == ConfigMapState.Absent ? "missing" : "empty";
        var directory = next.Settings.ConfigDir;
        _notice = $"the ConfigMap directory {directory} is {state}: the last good configuration (generation {Generation}) stays in force; set Config__AllowEmpty=true to apply the defaults";
        _metrics.ConfigMapEmpty.Set(1);
        _logger.ConfigMapEmptied(directory, state, Generation);
    }

    private void Shadows()
    {
        var shadowed = _loaded.ShadowedConfigMapKeys.ToList();
        _metrics.ConfigShadowedKeys.Set(shadowed.Count);
        foreach (var key in shadowed)
        {
            _logger.ConfigShadowed(key.Key, key.ShadowedConfigMapValue!, key.Source.Name(), key.Value, Generation);
        }
    }
}
