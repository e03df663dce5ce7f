namespace AotAgent.Watching;

/// <summary>
/// What the watch reports as it happens (implemented by Diagnostics, which turns it into metrics and logs), so the
/// watch itself depends on nothing above it.
/// </summary>
internal interface IWatchObserver
{
    /// <summary>A notification arrived (CniDir, its parent, or the ConfigMap directory).</summary>
    public void EventReceived();

    /// <summary>The watch mode changed; <paramref name="detail"/> says why notifications are not in use (null when they are).</summary>
    public void ModeChanged(WatchMode mode, string? detail);

    /// <summary>A watcher reported an error or overflow and will be recreated.</summary>
    public void WatcherFailed(string error);

    /// <summary>The ConfigMap directory cannot be watched; <paramref name="error"/> is null once it can be again.</summary>
    public void ConfigWatchUnavailable(string directory, string? error);
}
