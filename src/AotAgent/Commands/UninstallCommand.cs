namespace AotAgent.Commands;

/// <summary><c>uninstall</c>: removes the agent's output, only where it is a Multus config.</summary>
internal static class UninstallCommand
{
    public static int Execute(CommandContext context, CommandInput input) => context.WithSettings(input, settings =>
    {
        var removals = context.CreatePipeline().Output.Remove(settings.CniDir, settings.Output, onlyName: null, settings.Output.DryRun);
        foreach (var removal in removals)
        {
            if (removal.KeptBecause is { } reason)
            {
                context.Stderr.WriteLine($"refusing to remove {removal.Path}: {reason}");
                return ExitCodes.Failure;
            }

            context.Stdout.WriteLine($"{(removal.Removed ? "removed" : "would remove")} {removal.Path}");
        }

        if (removals.Count == 0)
        {
            context.Stdout.WriteLine($"nothing to remove in {settings.CniDir}");
        }

        return ExitCodes.Done;
    });
}
