namespace AotAgent.Rendering;

internal enum MultusMode
{
    /// <summary>multus-shim + clusterNetwork path: the Multus daemon reads the primary itself.</summary>
    Thick,

    /// <summary>multus + delegates: the primary is embedded.</summary>
    Thin,
}
