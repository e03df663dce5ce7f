namespace AotAgent.Diagnostics;

/// <summary>The daemon's <c>/status</c>: the explain document plus the loop's own state.</summary>
public sealed record StatusReport(ExplainReport? Explain, DaemonState Daemon);

public sealed record DaemonState(
    string Version,
    long ConfigGeneration,
    DateTimeOffset? LastPass,
    DateTimeOffset? LastSuccess,
    string? LastError,
    long Passes,
    long Writes,
    long Conflicts,
    bool ConflictBackoff,
    bool WatchPolling,
    bool Ready,
    string ReadyReason);
