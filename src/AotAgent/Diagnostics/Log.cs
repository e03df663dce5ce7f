using Microsoft.Extensions.Logging;

namespace AotAgent.Diagnostics;

/// <summary>Every log event, source-generated. Ids are named in LogEvents.</summary>
internal static partial class Log
{
    [LoggerMessage(LogEvents.Started, LogLevel.Information, "Started {Version}: CniDir {CniDir}, mode {Mode}, Prefer [{Prefer}]")]
    public static partial void Started(this ILogger logger, string version, string cniDir, string mode, string prefer);

    [LoggerMessage(LogEvents.PrimaryChanged, LogLevel.Information, "Primary is now {File} (network {Network}, type {Type}): {Reason}")]
    public static partial void PrimaryChanged(this ILogger logger, string file, string network, string type, string reason);

    [LoggerMessage(LogEvents.OutputWritten, LogLevel.Information, "Wrote {Output} delegating to {Primary}")]
    public static partial void OutputWritten(this ILogger logger, string output, string primary);

    [LoggerMessage(LogEvents.NoPrimary, LogLevel.Warning, "No primary: {Reason}")]
    public static partial void NoPrimary(this ILogger logger, string reason);

    [LoggerMessage(LogEvents.Held, LogLevel.Warning, "Holding the current output: {Reason}")]
    public static partial void Held(this ILogger logger, string reason);

    [LoggerMessage(LogEvents.OutputConflict, LogLevel.Warning, "Another writer changed {Output} ({Change}); the agent {Action}. Cause: {Cause}. Further changes are counted (aotagent_output_conflicts_total) and summed up once they stop")]
    public static partial void OutputConflict(this ILogger logger, string output, string change, string action, string cause);

    [LoggerMessage(LogEvents.ConflictBackoff, LogLevel.Error, "{Output} was restored {Count} times in a minute and changed again; backing off: the agent no longer restores it until a minute has passed since the first of those restores. Cause: {Cause}")]
    public static partial void ConflictBackoff(this ILogger logger, string output, int count, string cause);

    [LoggerMessage(LogEvents.ConflictsEnded, LogLevel.Information, "Another writer stopped changing {Output} (no change for a minute): {Changes} changes over {Seconds} s; the agent restored it {Restores} times and left {LeftInPlace} changes in place while backing off")]
    public static partial void ConflictsEnded(this ILogger logger, string output, int changes, double seconds, int restores, int leftInPlace);

    [LoggerMessage(LogEvents.OutputShadowed, LogLevel.Warning, "The runtime would not load the Multus config: {Reason}")]
    public static partial void OutputShadowed(this ILogger logger, string reason);

    [LoggerMessage(LogEvents.PassFailed, LogLevel.Error, "Reconcile pass failed; the current output is kept")]
    public static partial void PassFailed(this ILogger logger, Exception exception);

    [LoggerMessage(LogEvents.WatchModeChanged, LogLevel.Information, "Watching: {Mode} ({Detail})")]
    public static partial void WatchModeChanged(this ILogger logger, string mode, string detail);

    [LoggerMessage(LogEvents.WatcherFailed, LogLevel.Warning, "File watcher failed ({Error}); recreating it and re-scanning")]
    public static partial void WatcherFailed(this ILogger logger, string error);

    [LoggerMessage(LogEvents.ConfigWatchUnavailable, LogLevel.Warning, "Cannot watch the ConfigMap directory {Directory} ({Error}); it is re-read on every resync")]
    public static partial void ConfigWatchUnavailable(this ILogger logger, string directory, string error);

    [LoggerMessage(LogEvents.ConfigApplied, LogLevel.Information, "Configuration generation {Generation} applied")]
    public static partial void ConfigApplied(this ILogger logger, long generation);

    [LoggerMessage(LogEvents.ConfigRejected, LogLevel.Error, "ConfigMap change refused, the last good configuration stays in force: {Error}")]
    public static partial void ConfigRejected(this ILogger logger, string error);

    [LoggerMessage(LogEvents.Waiting, LogLevel.Warning, "Waiting: {Reason}")]
    public static partial void Waiting(this ILogger logger, string reason);

    [LoggerMessage(LogEvents.StaleTempFilesRemoved, LogLevel.Information, "Removed {Count} stale temp files")]
    public static partial void StaleTempFilesRemoved(this ILogger logger, int count);

    [LoggerMessage(LogEvents.OutputRemovedOnExit, LogLevel.Information, "CleanupOnExit: removed {Output}")]
    public static partial void OutputRemovedOnExit(this ILogger logger, string output);

    [LoggerMessage(LogEvents.DaemonConfigFinding, LogLevel.Warning, "Multus daemon-config: {Finding}")]
    public static partial void DaemonConfigFinding(this ILogger logger, string finding);

    [LoggerMessage(LogEvents.HttpListening, LogLevel.Information, "Serving HTTP on {Endpoints}")]
    public static partial void HttpListening(this ILogger logger, string endpoints);

    [LoggerMessage(LogEvents.HttpConnectionsRefused, LogLevel.Warning, "HTTP listener {Listener} is full ({Limit} connections): {Count} connections refused at accept since the last report (at most one report a minute; aotagent_http_connections_refused_total counts them all)")]
    public static partial void HttpConnectionsRefused(this ILogger logger, string listener, int limit, long count);

    [LoggerMessage(LogEvents.HttpRequestFailed, LogLevel.Error, "HTTP request failed")]
    public static partial void HttpRequestFailed(this ILogger logger, Exception exception);

    [LoggerMessage(LogEvents.DirectoryFlushFailed, LogLevel.Warning, "{Output} is in place, but its directory could not be flushed, so the rename may not survive a power loss (retried on every write): {Error}")]
    public static partial void DirectoryFlushFailed(this ILogger logger, string output, string error);

    [LoggerMessage(LogEvents.DirectoryFlushRecovered, LogLevel.Information, "The directory flush works again; {Output} is durable")]
    public static partial void DirectoryFlushRecovered(this ILogger logger, string output);

    [LoggerMessage(LogEvents.ConfigWatchRestored, LogLevel.Information, "Watching the ConfigMap directory {Directory} again")]
    public static partial void ConfigWatchRestored(this ILogger logger, string directory);

    [LoggerMessage(LogEvents.OutputKeptOnExit, LogLevel.Warning, "CleanupOnExit: kept {Output}: {Reason}")]
    public static partial void OutputKeptOnExit(this ILogger logger, string output, string reason);

    [LoggerMessage(LogEvents.RestartRequired, LogLevel.Warning, "{Setting} changed in the ConfigMap; it applies after a restart")]
    public static partial void RestartRequired(this ILogger logger, string setting);

    [LoggerMessage(LogEvents.ConfigShadowed, LogLevel.Warning, "ConfigMap key {Key}='{ConfigMapValue}' is shadowed by the {Source} ('{Value}'), whose value is in force (configuration generation {Generation})")]
    public static partial void ConfigShadowed(this ILogger logger, string key, string configMapValue, string source, string? value, long generation);

    [LoggerMessage(LogEvents.ConfigMapEmptied, LogLevel.Warning, "The ConfigMap directory {Directory} is {State}; the last good configuration (generation {Generation}) stays in force. Set Config__AllowEmpty=true to apply the defaults instead")]
    public static partial void ConfigMapEmptied(this ILogger logger, string directory, string state, long generation);

    [LoggerMessage(LogEvents.ConfigMapRestored, LogLevel.Information, "The ConfigMap directory {Directory} has keys again")]
    public static partial void ConfigMapRestored(this ILogger logger, string directory);

    [LoggerMessage(LogEvents.ConfigReadRetried, LogLevel.Debug, "ConfigMap not read, it is read again at the next change: {Reason}")]
    public static partial void ConfigReadRetried(this ILogger logger, string reason);

    [LoggerMessage(LogEvents.OutputRenamed, LogLevel.Information, "Multus__ConfName changed: removed the previous output {Previous}")]
    public static partial void OutputRenamed(this ILogger logger, string previous);

    [LoggerMessage(LogEvents.OldOutputKept, LogLevel.Warning, "Multus__ConfName changed: kept the previous output {Previous}: {Reason}")]
    public static partial void OldOutputKept(this ILogger logger, string previous, string reason);

    [LoggerMessage(LogEvents.HangupReload, LogLevel.Information, "SIGHUP: re-reading the configuration, as a ConfigMap change does")]
    public static partial void HangupReload(this ILogger logger);

    [LoggerMessage(LogEvents.CleanupOnExitOn, LogLevel.Warning, "CleanupOnExit is on: the output ({ConfName}) will be removed when the daemon stops; meant for an uninstall")]
    public static partial void CleanupOnExitOn(this ILogger logger, string confName);

    [LoggerMessage(LogEvents.CleanupOnExitOff, LogLevel.Information, "CleanupOnExit is off: the output ({ConfName}) stays when the daemon stops")]
    public static partial void CleanupOnExitOff(this ILogger logger, string confName);
}
