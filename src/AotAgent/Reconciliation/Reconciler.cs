using System.IO.Abstractions;
using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Rendering;
using AotAgent.Resolution;

namespace AotAgent.Reconciliation;

/// <summary>
/// One level-triggered pass over the whole directory: scan, resolve, render, write, then check what the runtime would
/// load. The <c>once</c>, <c>explain</c> and <c>render</c> verbs and the daemon all run this same pass.
/// </summary>
public sealed class Reconciler(IFileSystem fileSystem, CniDirectoryScanner scanner, AtomicFileWriter writer, TimeProvider time)
{
    private ((AgentSettings Settings, long Length, DateTime Modified) Key, IReadOnlyList<string> Findings)? _lint;

    public PassResult Run(AgentSettings settings, Decision? previous, bool write) =>
        Run(settings, previous, _ => write);

    /// <summary>Runs a pass; <paramref name="mayWrite"/> sees the output as found and may veto the write (conflict back-off).</summary>
    public PassResult Run(AgentSettings settings, Decision? previous, Func<OutputState, bool> mayWrite)
    {
        var scan = scanner.Scan(settings.CniDir, settings.ReadyFile, name => PrimaryResolver.WantsContent(name, settings));
        var before = ReadOutput(settings, scan);
        var decision = PrimaryResolver.Resolve(scan, settings, previous, time.GetUtcNow());
        var findings = DaemonConfigFindings(settings);
        if (decision.Outcome != DecisionOutcome.Selected || decision.Primary?.Network is not { } primary)
        {
            return new PassResult(decision, null, null, before, before.FileName, false, RuntimeWouldLoad(scan, null, null), findings);
        }

        var rendered = MultusConfigRenderer.Render(settings, decision.Primary.File, primary);
        WriteOutcome? outcome = null;
        var staleRemoved = false;
        if (!settings.DryRun && mayWrite(before))
        {
            outcome = writer.Write(settings.CniDir, rendered.FileName, rendered.Content, settings.FileMode);

            // The other name (.conf vs .conflist) sorts first or second: a leftover would shadow or confuse.
            var stale = fileSystem.Path.Combine(settings.CniDir, rendered.StaleFileName);
            if (fileSystem.File.Exists(stale))
            {
                fileSystem.File.Delete(stale);
                staleRemoved = true;
            }
        }

        var written = outcome is not null;
        var upToDate = written || (before.FileName == rendered.FileName && before.Content.AsSpan().SequenceEqual(rendered.Content));
        var outputFile = written ? rendered.FileName : before.FileName;
        var wouldLoad = RuntimeWouldLoad(scan, written ? rendered.FileName : null, staleRemoved ? rendered.StaleFileName : null);
        return new PassResult(decision, rendered, outcome, before, outputFile, upToDate, wouldLoad, findings, writer.FlushError);
    }

    /// <summary>containerd's rule: the byte-order-first non-directory <c>.conf</c>/<c>.conflist</c>/<c>.json</c>, hidden or not.</summary>
    private static string? RuntimeWouldLoad(ScanResult scan, string? added, string? removed)
    {
        var first = scan.Files
            .Where(f => !f.IsDirectory && ScannedFile.HasCniExtension(f.Name) && f.Name != removed)
            .Select(f => f.Name)
            .FirstOrDefault();
        if (added is not null && (first is null || string.CompareOrdinal(added, first) < 0))
        {
            return added;
        }

        return first;
    }

    private OutputState ReadOutput(AgentSettings settings, ScanResult scan)
    {
        foreach (var name in new[] { settings.ConfFileName, settings.ConflistFileName })
        {
            if (!scan.Files.Any(f => f.Name == name && !f.IsDirectory))
            {
                continue;
            }

            try
            {
                var path = fileSystem.Path.Combine(settings.CniDir, name);
                var info = fileSystem.FileInfo.New(path);
                return info.Length is > 0 and <= CniDirectoryScanner.MaxFileBytes
                    ? new OutputState(name, fileSystem.File.ReadAllBytes(path))
                    : new OutputState(name, []);
            }
            catch (IOException)
            {
                return new OutputState(name, []);
            }
            catch (UnauthorizedAccessException)
            {
                return new OutputState(name, []);
            }
        }

        return OutputState.None;
    }

    private IReadOnlyList<string> DaemonConfigFindings(AgentSettings settings)
    {
        if (settings.DaemonConfig is not { } path)
        {
            return [];
        }

        try
        {
            var info = fileSystem.FileInfo.New(path);
            if (!info.Exists)
            {
                return [$"Multus__DaemonConfig {path} does not exist"];
            }

            if (info.Length > CniDirectoryScanner.MaxFileBytes)
            {
                return [$"Multus__DaemonConfig {path} is larger than 1 MiB"];
            }

            // A stat per pass instead of a read and a parse: the file changes on a Multus upgrade, not per pass.
            var key = (settings, info.Length, info.LastWriteTimeUtc);
            if (_lint is { } cached && cached.Key == key)
            {
                return cached.Findings;
            }

            var findings = DaemonConfigLinter.Lint(fileSystem.File.ReadAllBytes(path), settings);
            _lint = (key, findings);
            return findings;
        }
        catch (IOException ex)
        {
            return [$"Multus__DaemonConfig {path} is unreadable: {ex.Message}"];
        }
        catch (UnauthorizedAccessException ex)
        {
            return [$"Multus__DaemonConfig {path} is unreadable: {ex.Message}"];
        }
    }
}
