using AotAgent.Reconciliation;
using AotAgent.Resolution;

namespace AotAgent.Commands;

/// <summary><c>once</c>: one pass that writes, then exit (3 when there is no primary).</summary>
internal static class OnceCommand
{
    public static int Execute(CommandContext context, CommandInput input) => context.WithSettings(input, settings =>
    {
        var pipeline = context.CreatePipeline();
        pipeline.Output.CleanStaleTempFiles(settings.CniDir);
        var pass = pipeline.Run(settings, write: true);
        var d = pass.Decision;
        if (d.Outcome == DecisionOutcome.Held)
        {
            context.Stdout.WriteLine($"kept {pass.OutputFile} -> primary {d.Primary!.File} (held: {d.Reason})");
            return ExitCodes.Done;
        }

        if (d.Outcome != DecisionOutcome.Selected)
        {
            context.Stderr.WriteLine($"no primary: {d.Reason}");
            return ExitCodes.NoPrimary;
        }

        var verb = pass.Outcome switch
        {
            PassOutcome.Written => "wrote",
            PassOutcome.Unchanged => "unchanged",
            _ => "would write",
        };
        context.Stdout.WriteLine($"{verb} {pass.TargetFile} -> primary {d.Primary!.File} ({d.Reason})");
        if (pass.RuntimeMisses)
        {
            context.Stderr.WriteLine($"warning: {pass.Runtime.Reason}");
        }

        if (pass.FlushError is { } flush)
        {
            context.Stderr.WriteLine($"warning: {pass.TargetFile} is in place, but the directory could not be flushed, so the rename may not survive a power loss: {flush}");
        }

        return ExitCodes.Done;
    });
}
