namespace AotAgent.Watching;

/// <summary>How often the loop looks again without being told (<c>Watch__*</c>).</summary>
internal sealed record WatchTiming
{
    /// <summary>Full re-scan interval: catches whatever file notifications missed.</summary>
    public TimeSpan Resync { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Scan interval while notifications are unavailable or CniDir is missing.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
