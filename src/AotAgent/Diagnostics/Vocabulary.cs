using AotAgent.Reconciliation;
using AotAgent.Resolution;

namespace AotAgent.Diagnostics;

/// <summary>
/// The one set of names for pass outcomes, decisions and verdicts, shared by metric labels, the JSON documents
/// (<c>explain --json</c>, <c>/status</c>) and <c>/readyz</c>. snake_case, as Prometheus label values usually are.
/// </summary>
internal static class Vocabulary
{
    public static IReadOnlyList<PassOutcome> PassOutcomes { get; } = Enum.GetValues<PassOutcome>();

    public static IReadOnlyList<Verdict> Verdicts { get; } = Enum.GetValues<Verdict>();

    public static string Name(PassOutcome outcome) => outcome switch
    {
        PassOutcome.Written => "written",
        PassOutcome.Unchanged => "unchanged",
        PassOutcome.Held => "held",
        PassOutcome.NoPrimary => "no_primary",
        PassOutcome.WaitingForReadyFile => "waiting_for_ready_file",
        PassOutcome.DirectoryMissing => "directory_missing",
        PassOutcome.DirectoryTooLarge => "directory_too_large",
        PassOutcome.Backoff => "backoff",
        PassOutcome.DryRun => "dry_run",
        _ => "error",
    };

    public static string Name(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Selected => "selected",
        DecisionOutcome.Held => "held",
        DecisionOutcome.NoPrimary => "no_primary",
        DecisionOutcome.WaitingForReadyFile => "waiting_for_ready_file",
        DecisionOutcome.DirectoryTooLarge => "directory_too_large",
        _ => "directory_missing",
    };

    public static IReadOnlyList<RuntimeLoad> RuntimeLoads { get; } = Enum.GetValues<RuntimeLoad>();

    public static string Name(RuntimeLoad load) => load switch
    {
        RuntimeLoad.LoadsOutput => "loads_output",
        RuntimeLoad.Shadowed => "shadowed",
        RuntimeLoad.LoadsNothing => "loads_nothing",
        RuntimeLoad.PinBypassesMultus => "pin_bypasses_multus",
        _ => "no_output",
    };

    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Selected => "selected",
        Verdict.Eligible => "eligible",
        Verdict.Excluded => "excluded",
        Verdict.Invalid => "invalid",
        _ => "ignored",
    };
}
