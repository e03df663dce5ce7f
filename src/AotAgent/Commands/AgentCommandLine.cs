using System.CommandLine;

namespace AotAgent.Commands;

/// <summary>The verbs and their options. <c>run</c> is also what a bare <c>aot-agent</c> does.</summary>
internal static class AgentCommandLine
{
    public static RootCommand Build(CommandContext context)
    {
        var cniDir = new Option<string?>("--cni-dir") { Description = "CNI config directory (CniDir)", Recursive = true };
        var configDir = new Option<string?>("--config-dir") { Description = "ConfigMap directory (ConfigDir)", Recursive = true };
        var set = new Option<string[]>("--set")
        {
            Description = "Any configuration key, e.g. --set Primary__Prefer=file:10-aws.conflist (repeatable)",
            Recursive = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "Print the decision as JSON" };

        CommandInput Input(ParseResult p) => new(p.GetValue(cniDir), p.GetValue(configDir), p.GetValue(set) ?? []);

        var root = new RootCommand("aot-agent: picks the node's primary CNI config by stated rules and writes the Multus config that delegates to it.");
        root.Options.Add(cniDir);
        root.Options.Add(configDir);
        root.Options.Add(set);

        var runCommand = new Command("run", "Run the daemon: watch, reconcile, serve /healthz /readyz /metrics /status (the default)");
        runCommand.SetAction((p, ct) => RunCommand.ExecuteAsync(context, Input(p), ct));
        root.SetAction((p, ct) => RunCommand.ExecuteAsync(context, Input(p), ct));

        var onceCommand = new Command("once", "One pass: resolve, render, write, exit (3 when no primary)");
        onceCommand.SetAction(p => OnceCommand.Execute(context, Input(p)));

        var explainCommand = new Command("explain", "Show every candidate with its verdict and the decision; writes nothing");
        explainCommand.Options.Add(json);
        explainCommand.SetAction(p => ExplainCommand.Execute(context, Input(p), p.GetValue(json)));

        var renderCommand = new Command("render", "Print the Multus config that would be written; writes nothing");
        renderCommand.SetAction(p => RenderCommand.Execute(context, Input(p)));

        var uninstallCommand = new Command("uninstall", "Remove the agent's output, only if it is a Multus config");
        uninstallCommand.SetAction(p => UninstallCommand.Execute(context, Input(p)));

        var versionCommand = new Command("version", "Print the version") { Action = new VersionAction(context.Stdout) };
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new VersionAction(context.Stdout);
        }

        foreach (var command in new[] { runCommand, onceCommand, explainCommand, renderCommand, uninstallCommand, versionCommand })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
