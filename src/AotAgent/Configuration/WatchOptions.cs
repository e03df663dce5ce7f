namespace AotAgent.Configuration;

public sealed class WatchOptions
{
    /// <summary>Full re-scan interval: catches whatever file notifications missed.</summary>
    public TimeSpan Resync { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Scan interval when notifications are unavailable (inotify exhausted) or the directory is missing.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
