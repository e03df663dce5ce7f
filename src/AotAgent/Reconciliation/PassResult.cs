using AotAgent.Output;
using AotAgent.Rendering;
using AotAgent.Resolution;

namespace AotAgent.Reconciliation;

/// <summary>What one pass saw, decided and did.</summary>
public sealed record PassResult(
    Decision Decision,
    RenderedOutput? Rendered,
    WriteOutcome? Write,
    OutputState OutputBefore,
    string? OutputFile,
    bool OutputUpToDate,
    string? RuntimeWouldLoad,
    IReadOnlyList<string> DaemonConfigFindings,
    string? FlushError = null)
{
    /// <summary>Another file sorts before the agent's output, so the runtime would load that one instead.</summary>
    public bool Shadowed => OutputFile is not null && RuntimeWouldLoad is not null && RuntimeWouldLoad != OutputFile;
}
