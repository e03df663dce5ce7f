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
    string? RuntimeWouldLoad,
    IReadOnlyList<string> DaemonConfigFindings,
    OwnershipCheck Ownership,
    string? FlushError)
{
    /// <summary>Another file sorts before the agent's output, so the runtime would load that one instead.</summary>
    public bool Shadowed => OutputFile is not null && RuntimeWouldLoad is not null && RuntimeWouldLoad != OutputFile;

    public bool Wrote => Outcome == PassOutcome.Written;
}
