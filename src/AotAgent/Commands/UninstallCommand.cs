namespace AotAgent.Commands;

/// <summary>
/// <c>uninstall</c>: removes the agent's output, only where it is a Multus config, and the outputs an earlier
/// <c>Multus__ConfName</c> left (Multus configs in the agent's own shape; see <c>OutputFile.RemoveEarlierOutputs</c>).
/// </summary>
internal static class UninstallCommand
{
    public static int Execute(CommandContext context, CommandInput input) => context.WithSettings(input, settings =>
    {
        var output = context.CreatePipeline().Output;
        var removals = output.Remove(settings.CniDir, settings.Output, onlyName: null, settings.Output.DryRun);
        foreach (var removal in removals)
        {
            if (removal.KeptBecause is { } reason)
            {
                context.Stderr.WriteLine($"refusing to remove {removal.Path}: {reason}");
                return ExitCodes.Failure;
            }

            context.Stdout.WriteLine($"{(removal.Removed ? "removed" : "would remove")} {removal.Path}");
        }

        var earlier = output.RemoveEarlierOutputs(settings.CniDir, settings.Output, settings.Multus, settings.Output.DryRun);
        foreach (var removal in earlier)
        {
            context.Stdout.WriteLine($"{(removal.Removed ? "removed" : "would remove")} {removal.Path} (an earlier Multus__ConfName)");
        }

        if (removals.Count + earlier.Count == 0)
        {
            context.Stdout.WriteLine($"nothing to remove in {settings.CniDir}");
        }

        return ExitCodes.Done;
    });
}
