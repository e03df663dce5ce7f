namespace AotAgent.Diagnostics;

/// <summary>Every log event id, by name. Stable: never reuse or renumber one (dashboards and alerts filter on them).</summary>
internal static class LogEvents
{
    public const int Started = 1;
    public const int PrimaryChanged = 2;
    public const int OutputWritten = 3;
    public const int NoPrimary = 4;
    public const int Held = 5;
    public const int OutputConflict = 6;
    public const int ConflictBackoff = 7;
    public const int OutputShadowed = 8;
    public const int PassFailed = 9;
    public const int WatchModeChanged = 10;
    public const int WatcherFailed = 11;
    public const int ConfigWatchUnavailable = 12;
    public const int ConfigApplied = 13;
    public const int ConfigRejected = 14;
    public const int Waiting = 15;
    public const int StaleTempFilesRemoved = 16;
    public const int OutputRemovedOnExit = 17;
    public const int DaemonConfigFinding = 18;
    public const int HttpListening = 19;
    public const int HttpRequestFailed = 20;
    public const int RestartRequired = 21;
    public const int DirectoryFlushFailed = 22;
    public const int DirectoryFlushRecovered = 23;
    public const int ConfigWatchRestored = 24;
    public const int OutputKeptOnExit = 25;
    public const int ConfigShadowed = 26;
    public const int ConfigMapEmptied = 27;
    public const int ConfigMapRestored = 28;
    public const int ConfigReadRetried = 29;
    public const int OutputRenamed = 30;
    public const int OldOutputKept = 31;
    public const int HttpConnectionsRefused = 32;
    public const int ConflictsEnded = 40;
    public const int CleanupOnExitOn = 41;
    public const int CleanupOnExitOff = 42;
    public const int HangupReload = 43;
}
