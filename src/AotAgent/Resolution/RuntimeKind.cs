namespace AotAgent.Resolution;

/// <summary>The container runtime that loads CniDir, whose rules decide what "loads first" means.</summary>
internal enum RuntimeKind
{
    /// <summary>containerd (go-cni): only the byte-order-first file; if it does not load, no network at all.</summary>
    Containerd,

    /// <summary>CRI-O (ocicni): the first file that loads, or the network named by <c>cni_default_network</c>.</summary>
    Crio,
}
