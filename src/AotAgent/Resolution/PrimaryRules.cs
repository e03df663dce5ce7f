namespace AotAgent.Resolution;

/// <summary>The operator's rules for choosing the primary (<c>Primary__*</c>).</summary>
internal sealed record PrimaryRules
{
    /// <summary>Ordered selectors: the first one that matches a valid file decides. Empty: the first valid file.</summary>
    public IReadOnlyList<Selector> Prefer { get; init; } = [];

    /// <summary>Selectors whose matches are never chosen.</summary>
    public IReadOnlyList<Selector> Exclude { get; init; } = [];

    /// <summary>A path that must exist before anything is written.</summary>
    public string? ReadyFile { get; init; }

    /// <summary>How long the current primary may stay invalid (a writer mid-write) before a lower-ranked file takes over.</summary>
    public TimeSpan InvalidGrace { get; init; } = TimeSpan.FromSeconds(5);
}
