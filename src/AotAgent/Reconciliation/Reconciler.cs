using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Platform;
using AotAgent.Rendering;
using AotAgent.Resolution;

namespace AotAgent.Reconciliation;

/// <summary>
/// One level-triggered pass over the whole directory: scan, resolve, render, write, then check what the runtime would
/// load. Every verb and the daemon run this same pass (built by <see cref="Pipeline"/>); the state it carries from one
/// pass to the next is in <see cref="Memory"/> (the primary in force) and <see cref="Ownership"/> (the output's claim).
/// </summary>
internal sealed class Reconciler(CniDirectoryScanner scanner, OutputFile output, DaemonConfigInspector daemonConfig, CrioConfigReader crio, PrimaryMemory memory, OutputOwnership ownership, TimeProvider time)
{
    public PrimaryMemory Memory => memory;

    public OutputOwnership Ownership => ownership;

    public OutputFile Output => output;

    public CniDirectoryScanner Scanner => scanner;

    /// <summary>
    /// Runs a pass; with <paramref name="write"/> false (explain, render) nothing on disk changes. <paramref name="scope"/>
    /// says how much of CniDir to look at again (the loop narrows it to what notifications named).
    /// </summary>
    public PassResult Run(AgentSettings settings, bool write, ScanScope? scope = null)
    {
        // The primary is chosen from compact summaries and then read whole; if it changed in between, look again.
        for (var attempt = 1; ; attempt++)
        {
            if (TryRun(settings, write, scope) is { } result)
            {
                return result;
            }

            if (attempt == MaxRereads)
            {
                throw new IOException($"the primary changed each time it was read, {MaxRereads} times in a row; trying again later");
            }

            scope = ScanScope.Full;
        }
    }

    /// <summary>How often one pass reads a primary that keeps changing before it gives up (the loop retries later).</summary>
    public const int MaxRereads = 3;

    private PassResult? TryRun(AgentSettings settings, bool write, ScanScope? scope)
    {
        var policy = settings.Output;
        var multus = settings.Multus;

        // Multus__ConfName changed since the last write: the new name is written, then the old one removed.
        var previous = ownership.LastWritten?.FileName is { } last && !policy.IsOwnOutput(last) ? policy with { ConfName = Path.GetFileNameWithoutExtension(last) } : null;
        var eligibility = EligibilityFor(settings, previous);

        // The output's own names are always looked at: the agent's own writes raise no notification it listens to.
        scope = scope is { Names: { } named } ? ScanScope.Changed(named.Union(eligibility.OwnOutputNames).ToHashSet(StringComparer.Ordinal)) : scope ?? ScanScope.Full;
        var scan = scanner.Scan(settings.CniDir, settings.Primary.ReadyFile, name => CandidateClassifier.WantsContent(name, eligibility), eligibility.ThinDelegate, scope, memory.Previous?.Primary?.File);
        var before = output.Read(settings.CniDir, policy, scan.Lists);
        SeedFromOutput(before, settings);
        var decision = memory.Decide(scan, settings.CniDir, settings.Primary, eligibility, MonotonicClock.Now(time));
        var findings = daemonConfig.Inspect(multus, policy.ConfFileName);
        var pin = settings.Runtime is { Kind: RuntimeKind.Crio, CrioConfigDir: { } crioDir } ? crio.Read(crioDir) : null;
        if (pin?.Problem is { } crioProblem)
        {
            findings = [.. findings, "CRI-O configuration: " + crioProblem];
        }

        if (decision.Outcome != DecisionOutcome.Selected || decision.Primary?.Network is not { } primary)
        {
            var kept = new OutputView(before.FileName, LoadsAsFound(before), multus.NetworkName, null);
            var runtime = RuntimeView.Predict(settings.Runtime.Kind, scan.Files, decision.Candidates, kept, pin?.Network);
            return new PassResult(OutcomeOf(decision.Outcome), decision, null, null, before, before.FileName, false, runtime, findings, OwnershipCheck.Own, output.FlushError);
        }

        if (primary.Json is null && multus.Mode == MultusMode.Thin)
        {
            // A thin output embeds the primary, whose JSON tree the scan does not keep: read it whole (once), and look
            // again if it no longer says what it was chosen for. (A thick output only names it.)
            if (scanner.Reload(settings.CniDir, decision.Primary.File, eligibility.ThinDelegate) is not { Json: not null } reloaded || !reloaded.SameSummary(primary))
            {
                scanner.Cache.Forget(decision.Primary.File);
                return null;
            }

            primary = reloaded;
        }

        scanner.Cache.Keep(decision.Primary.File, primary);
        var rendered = MultusConfigRenderer.Render(multus, decision.Primary.File, primary);
        var target = policy.FileNameFor(rendered.IsList);
        var check = OwnershipCheck.Own;
        WriteOutcome? written = null;
        IReadOnlyList<OutputRemoval> removed = [];
        if (write && !policy.DryRun)
        {
            if (previous is not null)
            {
                // Not another writer's doing: the claim starts again under the new name.
                ownership.Release();
            }

            check = ownership.Check(before, policy, scan.Lists);
            if (check.MayWrite)
            {
                written = output.Write(settings.CniDir, policy, before, target, rendered.Content);
                ownership.Claim(new OutputState(target, rendered.Content));
                removed = previous is null ? [] : output.Remove(settings.CniDir, previous, onlyName: null, dryRun: false);
            }
        }

        var inPlace = written is not null;
        var upToDate = inPlace || (before.FileName == target && before.Content.AsSpan().SequenceEqual(rendered.Content));
        var other = policy.OtherName(target);
        var view = inPlace
            ? new OutputView(target, true, multus.NetworkName, scan.Lists(other) ? other : null)
            : new OutputView(before.FileName, upToDate || LoadsAsFound(before), multus.NetworkName, null);
        var files = removed.Count == 0 ? scan.Files : scan.Files.Where(f => !removed.Any(r => r.Removed && Path.GetFileName(r.Path) == f.Name)).ToList();
        var wouldLoad = RuntimeView.Predict(settings.Runtime.Kind, files, decision.Candidates, view, pin?.Network);
        var outcome = check.Backoff ? PassOutcome.Backoff
            : written is null ? PassOutcome.DryRun
            : written == WriteOutcome.Written ? PassOutcome.Written : PassOutcome.Unchanged;
        return new PassResult(outcome, decision, rendered, target, before, inPlace ? target : before.FileName, upToDate, wouldLoad, findings, check, output.FlushError)
        {
            PreviousOutputs = removed,
        };
    }

    /// <summary>Whether the output as found (not written this pass) loads in libcni.</summary>
    private static bool LoadsAsFound(OutputState before) =>
        before is { FileName: { } name, Content: { Length: > 0 } content } &&
        (CniConfigParser.Parse(name, content, out var problem) is not null || CniConfigParser.LibcniLoads(problem ?? string.Empty));

    /// <summary>The first pass of a process learns the primary in force from the output it finds (issue: restarts).</summary>
    private void SeedFromOutput(OutputState before, AgentSettings settings)
    {
        if (memory.Previous is not null || before.Content is not { Length: > 0 } content ||
            MultusConfigReader.PrimaryInForce(content, settings.Multus) is not { } inForce)
        {
            return;
        }

        CniNetwork? network = null;
        if (inForce.Delegate is { } copy)
        {
            var name = copy.ContainsKey("plugins") ? "delegate.conflist" : "delegate.conf";
            network = CniConfigParser.Parse(name, System.Text.Encoding.UTF8.GetBytes(copy.ToJsonString()), out _);
        }

        memory.Seed(inForce.File, network, settings.Primary);
    }

    /// <summary>
    /// The agent's own names (and, while a rename is under way, the previous ones) are never candidates; thick Multus
    /// checks delegates against its cniVersion.
    /// </summary>
    public static Eligibility EligibilityFor(AgentSettings settings, OutputPolicy? previous = null) =>
        new([.. settings.Output.FileNames, .. previous?.FileNames ?? []], settings.Multus.Mode == MultusMode.Thick ? settings.Multus.EffectiveCniVersion : null, settings.Multus.Mode == MultusMode.Thin);

    private static PassOutcome OutcomeOf(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Held => PassOutcome.Held,
        DecisionOutcome.NoPrimary => PassOutcome.NoPrimary,
        DecisionOutcome.WaitingForReadyFile => PassOutcome.WaitingForReadyFile,
        DecisionOutcome.DirectoryTooLarge => PassOutcome.DirectoryTooLarge,
        _ => PassOutcome.DirectoryMissing,
    };
}
