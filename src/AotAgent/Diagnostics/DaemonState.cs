namespace AotAgent.Diagnostics;

/// <summary>The daemon loop's own state in <c>/status</c>.</summary>
internal sealed record DaemonState(
    string Version,
    long ConfigGeneration,
    DateTimeOffset? LastPass,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? LastQueued,
    string? LastError,
    long Passes,
    long Writes,
    long Conflicts,
    bool ConflictBackoff,
    bool WatchPolling,
    bool Ready,
    string ReadyReason,
    string? FlushError,
    string? ConfigNotice);
