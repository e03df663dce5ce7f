namespace AotAgent.Resolution;

/// <summary>What the resolver made of one file. The names are part of the <c>explain --json</c> contract.</summary>
internal enum Verdict
{
    /// <summary>The primary.</summary>
    Selected,

    /// <summary>Valid and not excluded, but not chosen.</summary>
    Eligible,

    /// <summary>Valid, but matched by <c>Primary__Exclude</c>.</summary>
    Excluded,

    /// <summary>A CNI config name whose content the runtime or Multus would refuse.</summary>
    Invalid,

    /// <summary>Never a candidate: hidden, not a CNI name, a directory, the agent's own output, a Multus config.</summary>
    Ignored,
}
