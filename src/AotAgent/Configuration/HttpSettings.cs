namespace AotAgent.Configuration;

/// <summary>
/// The HTTP endpoints (<c>Http__*</c>). Not a pipeline stage, so its slice lives here rather than in a stage folder;
/// read once at start (a change needs a restart).
/// </summary>
internal sealed record HttpSettings
{
    public string Address { get; init; } = "0.0.0.0";

    /// <summary>0 disables HTTP.</summary>
    public int Port { get; init; } = 9747;
}
