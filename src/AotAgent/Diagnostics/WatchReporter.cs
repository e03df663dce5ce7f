using AotAgent.Watching;
using Microsoft.Extensions.Logging;

namespace AotAgent.Diagnostics;

/// <summary>Turns what the watch reports into metrics and log lines; a state is logged when it begins, not on every pass.</summary>
internal sealed class WatchReporter(AgentMetrics metrics, ILogger<WatchReporter> logger) : IWatchObserver
{
    private readonly Lock _lock = new();
    private string? _configWatchError;

    public void EventReceived() => metrics.WatchEvents.Inc();

    public void ModeChanged(WatchMode mode, string? detail)
    {
        logger.WatchModeChanged(mode.ToString(), detail ?? "inotify armed");
        metrics.WatchPolling.Set(mode == WatchMode.Notifications ? 0 : 1);
    }

    public void WatcherFailed(string error)
    {
        logger.WatcherFailed(error);
        metrics.WatchRestarts.Inc();
    }

    public void ConfigWatchUnavailable(string directory, string? error)
    {
        lock (_lock)
        {
            if (error == _configWatchError)
            {
                return;
            }

            if (error is not null)
            {
                logger.ConfigWatchUnavailable(directory, error);
            }
            else
            {
                logger.ConfigWatchRestored(directory);
            }

            _configWatchError = error;
        }
    }
}
