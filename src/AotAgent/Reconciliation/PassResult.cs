using AotAgent.Output;
using AotAgent.Rendering;
using AotAgent.Resolution;

namespace AotAgent.Reconciliation;

/// <summary>What one pass saw, decided and did.</summary>
internal sealed record PassResult(
    PassOutcome Outcome,
    Decision Decision,
    RenderedOutput? Rendered,
    string? TargetFile,
    OutputState OutputBefore,
    string? OutputFile,
    bool OutputUpToDate,
    RuntimeView Runtime,
    IReadOnlyList<string> DaemonConfigFindings,
    OwnershipCheck Ownership,
    string? FlushError)
{
    /// <summary>The runtime would not load the agent's output: shadowed, loading nothing, or pinned past Multus.</summary>
    public bool RuntimeMisses => Runtime.State is RuntimeLoad.Shadowed or RuntimeLoad.LoadsNothing or RuntimeLoad.PinBypassesMultus;

    public bool Wrote => Outcome == PassOutcome.Written;

    /// <summary>The output under its previous <c>Multus__ConfName</c>, removed (or kept, with why) once the new name was written.</summary>
    public IReadOnlyList<OutputRemoval> PreviousOutputs { get; init; } = [];
}
