namespace AotAgent.Resolution;

/// <summary>What the runtime would load from CniDir, as far as the agent's output is concerned.</summary>
internal enum RuntimeLoad
{
    /// <summary>The runtime loads the agent's Multus config: pods go through Multus to the primary.</summary>
    LoadsOutput,

    /// <summary>Another file comes first and loads: pods skip Multus.</summary>
    Shadowed,

    /// <summary>The runtime loads nothing: containerd's first file does not load, or CRI-O's pinned network is absent.</summary>
    LoadsNothing,

    /// <summary>CRI-O is pinned to another network by name: the order does not matter, Multus is bypassed.</summary>
    PinBypassesMultus,

    /// <summary>There is no output yet (nothing written).</summary>
    NoOutput,
}
