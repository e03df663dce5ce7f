namespace AotAgent.Watching;

[Flags]
internal enum ChangeKind
{
    None = 0,

    /// <summary>Something happened in CniDir.</summary>
    CniDirectory = 1,

    /// <summary>Something happened in the ConfigMap directory.</summary>
    Configuration = 2,

    /// <summary>A watcher failed and must be recreated.</summary>
    WatcherFailed = 4,
}
