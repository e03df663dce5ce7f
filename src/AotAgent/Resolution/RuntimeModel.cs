namespace AotAgent.Resolution;

/// <summary>Which runtime loads CniDir (<c>Runtime__*</c>), for the check of what it would really load.</summary>
internal sealed record RuntimeModel
{
    public RuntimeKind Kind { get; init; } = RuntimeKind.Containerd;

    /// <summary>CRI-O's configuration directory as the agent sees it (<c>crio.conf</c> and <c>crio.conf.d/</c>), to read its network pin.</summary>
    public string? CrioConfigDir { get; init; }
}
