using System.IO.Abstractions;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Output;
using AotAgent.Reconciliation;
using AotAgent.Resolution;

namespace AotAgent.Commands;

/// <summary>once, explain, render and uninstall: a single pass each, no host, no background threads.</summary>
public sealed class OneShotCommands(IFileSystem fileSystem, IDirectorySync directorySync, TimeProvider time, IReadOnlyDictionary<string, string?> environment, TextWriter stdout, TextWriter stderr)
{
    public int Once(CommandInput input) => WithSettings(input, settings =>
    {
        var writer = new AtomicFileWriter(fileSystem, directorySync);
        writer.CleanStaleTempFiles(settings.CniDir);
        var pass = CreateReconciler(writer).Run(settings, previous: null, write: true);
        var d = pass.Decision;
        if (d.Outcome != DecisionOutcome.Selected)
        {
            stderr.WriteLine($"no primary: {d.Reason}");
            return ExitCodes.NoPrimary;
        }

        var verb = settings.DryRun ? "would write" : pass.Write == WriteOutcome.Written ? "wrote" : "unchanged";
        stdout.WriteLine($"{verb} {pass.Rendered!.FileName} -> primary {d.Primary!.File} ({d.Reason})");
        if (pass.Shadowed)
        {
            stderr.WriteLine($"warning: {pass.RuntimeWouldLoad} sorts before {pass.OutputFile}; the runtime loads it instead");
        }

        if (pass.FlushError is { } flush)
        {
            stderr.WriteLine($"warning: {pass.Rendered.FileName} is in place, but the directory could not be flushed, so the rename may not survive a power loss: {flush}");
        }

        return ExitCodes.Done;
    });

    public int Explain(CommandInput input, bool json) => WithSettings(input, settings =>
    {
        var pass = CreateReconciler(new AtomicFileWriter(fileSystem, directorySync)).Run(settings, previous: null, write: false);
        var report = ExplainReportBuilder.Build(settings, pass);
        stdout.Write(json ? JsonSerializer.Serialize(report, AgentJsonContext.Relaxed.ExplainReport) + "\n" : ExplainTextFormatter.Format(report));
        return pass.Decision.Outcome == DecisionOutcome.Selected ? ExitCodes.Done : ExitCodes.NoPrimary;
    });

    public int Render(CommandInput input) => WithSettings(input, settings =>
    {
        var pass = CreateReconciler(new AtomicFileWriter(fileSystem, directorySync)).Run(settings, previous: null, write: false);
        if (pass.Rendered is null)
        {
            stderr.WriteLine($"no primary: {pass.Decision.Reason}");
            return ExitCodes.NoPrimary;
        }

        stdout.Write(Encoding.UTF8.GetString(pass.Rendered.Content));
        return ExitCodes.Done;
    });

    public int Uninstall(CommandInput input) => WithSettings(input, settings =>
    {
        var removed = 0;
        foreach (var name in new[] { settings.ConfFileName, settings.ConflistFileName })
        {
            var path = fileSystem.Path.Combine(settings.CniDir, name);
            if (!fileSystem.File.Exists(path))
            {
                continue;
            }

            if (!IsMultusConfig(path))
            {
                stderr.WriteLine($"refusing to remove {path}: it is not a Multus config");
                return ExitCodes.Failure;
            }

            if (!settings.DryRun)
            {
                fileSystem.File.Delete(path);
            }

            stdout.WriteLine($"{(settings.DryRun ? "would remove" : "removed")} {path}");
            removed++;
        }

        if (removed == 0)
        {
            stdout.WriteLine($"nothing to remove in {settings.CniDir}");
        }

        return ExitCodes.Done;
    });

    private bool IsMultusConfig(string path)
    {
        try
        {
            if (fileSystem.FileInfo.New(path).Length > CniDirectoryScanner.MaxFileBytes)
            {
                return false;
            }

            var root = JsonNode.Parse(fileSystem.File.ReadAllBytes(path)) as JsonObject;
            var type = root?["type"]?.GetValueKind() == JsonValueKind.String ? root["type"]!.GetValue<string>()
                : root?["plugins"] is JsonArray { Count: > 0 } plugins && plugins[0]?["type"]?.GetValueKind() == JsonValueKind.String ? plugins[0]!["type"]!.GetValue<string>()
                : null;
            return type is "multus" or "multus-shim";
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 inside a string value.
            return false;
        }
        catch (ArgumentException)
        {
            // Duplicate property names.
            return false;
        }
    }

    private Reconciler CreateReconciler(AtomicFileWriter writer) =>
        new(fileSystem, new CniDirectoryScanner(fileSystem), writer, time);

    private int WithSettings(CommandInput input, Func<AgentSettings, int> action)
    {
        AgentSettings settings;
        try
        {
            settings = new SettingsLoader(fileSystem, environment, input.ToConfiguration()).Load();
        }
        catch (ConfigurationException ex)
        {
            stderr.WriteLine(ex.Message);
            return ExitCodes.BadConfiguration;
        }

        try
        {
            return action(settings);
        }
        catch (IOException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            return ExitCodes.Failure;
        }
    }
}
