namespace AotAgent.Diagnostics;

/// <summary>The daemon's <c>/status</c>: the explain document plus the loop's own state.</summary>
internal sealed record StatusReport(ExplainReport? Explain, DaemonState Daemon);
