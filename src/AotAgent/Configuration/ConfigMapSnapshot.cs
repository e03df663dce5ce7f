namespace AotAgent.Configuration;

/// <summary>Whether the ConfigMap directory exists and holds keys.</summary>
internal enum ConfigMapState
{
    /// <summary>No such directory (an optional ConfigMap that does not exist, or a directory that was removed).</summary>
    Absent,

    /// <summary>The directory exists and holds no key.</summary>
    Empty,

    /// <summary>At least one key.</summary>
    Present,
}

/// <summary>
/// One consistent reading of the ConfigMap: its state, the kubelet generation it came from (the directory
/// <c>..data</c> pointed to; null for a plain directory) and the values as written (cleaned later with every layer's).
/// </summary>
internal sealed record ConfigMapSnapshot(ConfigMapState State, string? Generation, IReadOnlyDictionary<string, string> Values)
{
    public static ConfigMapSnapshot Absent { get; } = new(ConfigMapState.Absent, null, new Dictionary<string, string>());

    public bool HasKeys => State == ConfigMapState.Present;
}
