namespace AotAgent.Watching;

internal enum WatchMode
{
    /// <summary>inotify is armed on CniDir.</summary>
    Notifications,

    /// <summary>A watcher could not be created (e.g. inotify instances used up): scanning every PollInterval.</summary>
    Polling,

    /// <summary>CniDir does not exist: checking for it every PollInterval.</summary>
    WaitingForDirectory,
}
