namespace AotAgent.Configuration;

public sealed class PrimaryOptions
{
    /// <summary>Ordered selectors, comma or newline separated (<c>file:</c>, <c>name:</c>, <c>type:</c>, <c>plugin:</c>).</summary>
    public string? Prefer { get; set; }

    /// <summary>Selectors whose matches are never chosen.</summary>
    public string? Exclude { get; set; }

    /// <summary>A path that must exist before the agent writes anything.</summary>
    public string? ReadyFile { get; set; }

    /// <summary>How long the current primary may stay invalid (mid-write) before a lower-ranked file takes over.</summary>
    public TimeSpan InvalidGrace { get; set; } = TimeSpan.FromSeconds(5);
}
