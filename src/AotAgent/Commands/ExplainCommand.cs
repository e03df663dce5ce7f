using System.Text.Json;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Resolution;

namespace AotAgent.Commands;

/// <summary><c>explain</c>: every candidate with its verdict, and the decision; writes nothing.</summary>
internal static class ExplainCommand
{
    public static int Execute(CommandContext context, CommandInput input, bool json) => context.WithSettings(input, (LoadedSettings loaded) =>
    {
        var settings = loaded.Settings;
        var pass = context.CreatePipeline().Run(settings, write: false);
        var report = ExplainReportBuilder.Build(settings, pass, loaded.Values);
        context.Stdout.Write(json ? JsonSerializer.Serialize(report, AgentJsonContext.Relaxed.ExplainReport) + "\n" : ExplainTextFormatter.Format(report));
        return pass.Decision.Outcome == DecisionOutcome.Selected ? ExitCodes.Done : ExitCodes.NoPrimary;
    });
}
