using System.Diagnostics;
using System.Text;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>
/// Issue 16: the linux-x64 binary (AOT_AGENT_BINARY, run directly) and the linux-arm64 binary (AOT_AGENT_BINARY_ARM64,
/// under qemu-user) print the same bytes, exit codes and stderr for `render` and `explain --json`, thick and thin, on
/// every CNI config of the corpus: this project's TestData and tests/AotAgent.Tests/TestData/Corpus (read, never
/// written). Each file rendered alone in a directory; all of them in one directory, rendered and explained (explain
/// gives every file its verdict and reason) with three Prefer/Exclude settings; each Multus daemon-config.json linted.
/// Any difference fails, listing every case that differs. Under qemu-user a run costs about a second of CPU, hence
/// one explain over the whole corpus rather than one a file.
/// </summary>
public sealed class ArchitectureParityTests(ITestOutputHelper output)
{
    private static readonly string[] Extensions = [".conf", ".conflist", ".json"];

    [Fact]
    public async Task RenderAndExplain_ByteIdenticalOnX64AndArm64_ForEveryCorpusConfig_ThickAndThin()
    {
        var x64 = AgentBinary.Command;
        var arm64 = AgentBinary.Arm64Command;
        Assert.Equal("x64", Elf.Architecture(x64[^1]));
        Assert.Equal("arm64", Elf.Architecture(arm64[^1]));

        var corpus = Corpus();
        Assert.True(corpus.Count >= 30, $"only {corpus.Count} corpus files found: {string.Join(", ", corpus.Select(Path.GetFileName))}");

        using var root = new CniDirectory(createCniDir: false);
        var config = root.Config;
        var cases = new List<(string Name, string[] Arguments)>();
        foreach (var file in corpus)
        {
            var cni = Path.Combine(root.Root, "one", Path.GetFileName(file));
            Directory.CreateDirectory(cni);
            File.Copy(file, Path.Combine(cni, Path.GetFileName(file)));
            AddCases(cases, Path.GetFileName(file), cni, config, explain: false);
        }

        var all = Path.Combine(root.Root, "all");
        Directory.CreateDirectory(all);
        foreach (var file in corpus)
        {
            File.Copy(file, Path.Combine(all, Path.GetFileName(file)));
        }

        AddCases(cases, "all files", all, config, explain: true);
        AddCases(cases, "all files, Prefer type:calico,type:flannel", all, config, explain: true, "Primary__Prefer=type:calico,type:flannel");
        AddCases(cases, "all files, Exclude plugin:istio-cni, Prefer type:aws-cni", all, config, explain: true, "Primary__Exclude=plugin:istio-cni", "Primary__Prefer=type:aws-cni");
        foreach (var daemonConfig in corpus.Where(f => f.EndsWith("daemon-config.json", StringComparison.Ordinal)))
        {
            cases.Add(($"{Path.GetFileName(daemonConfig)} as Multus__DaemonConfig", ["explain", "--json", "--cni-dir", all, "--config-dir", config, "--set", $"Multus__DaemonConfig={daemonConfig}"]));
        }

        var clock = Stopwatch.StartNew();
        var x64Results = await RunAll(x64, cases);
        var x64Time = clock.Elapsed;
        clock.Restart();
        var arm64Results = await RunAll(arm64, cases);
        var arm64Time = clock.Elapsed;

        var differences = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (a, b) = (x64Results[i], arm64Results[i]);
            if (a.ExitCode != b.ExitCode || !a.Stdout.AsSpan().SequenceEqual(b.Stdout) || !a.Stderr.AsSpan().SequenceEqual(b.Stderr))
            {
                differences.Add($"[{cases[i].Name}] aot-agent {string.Join(' ', cases[i].Arguments.Take(2))} {Mode(cases[i].Arguments)}: " +
                    $"x64 exit {a.ExitCode}, arm64 exit {b.ExitCode}; stdout {Diff(a.Stdout, b.Stdout)}; stderr {Diff(a.Stderr, b.Stderr)}");
            }
        }

        Assert.True(differences.Count == 0, $"{differences.Count} of {cases.Count} cases differ between linux-x64 and linux-arm64:\n{string.Join('\n', differences)}");

        // Not vacuous: both binaries really rendered configs and explained directories (not two identical failures).
        var rendered = x64Results.Where((r, i) => cases[i].Arguments[0] == "render" && r.ExitCode == 0 && r.Stdout.Length > 0).Count();
        var explained = x64Results.Where((r, i) => cases[i].Arguments[0] == "explain" && r.ExitCode is 0 or 3 && r.Stdout.Length > 0 && r.Stdout[0] == (byte)'{').Count();
        Assert.True(rendered >= corpus.Count / 2, $"only {rendered} renders succeeded: {Summary(cases, x64Results)}");
        Assert.True(explained == cases.Count(c => c.Arguments[0] == "explain"), $"not every explain --json printed a JSON document: {Summary(cases, x64Results)}");
        Assert.All(x64Results, r => Assert.True(r.ExitCode is 0 or 3, $"exit {r.ExitCode}: {Encoding.UTF8.GetString(r.Stderr)}"));

        Figures.Record(output, "architecture parity", $"{corpus.Count} corpus files, {cases.Count} cases (render and explain --json, thick and thin): " +
            $"identical on linux-x64 ({x64Time.TotalSeconds:F1} s) and linux-arm64 under {string.Join(' ', arm64.SkipLast(1))} ({arm64Time.TotalSeconds:F1} s); {rendered} renders, {explained} explains");
    }

    /// <summary>Every readable CNI config: this project's TestData and the unit tests' corpus (SOURCES.md aside).</summary>
    private static List<string> Corpus()
    {
        var dirs = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "TestData"),
            Path.Combine(AgentBinary.RepoRoot(), "tests", "AotAgent.Tests", "TestData", "Corpus"),
        };
        var files = new List<string>();
        foreach (var dir in dirs)
        {
            Assert.True(Directory.Exists(dir), $"corpus directory {dir} is missing");
            files.AddRange(Directory.EnumerateFiles(dir).Where(f => Extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal))).Order(StringComparer.Ordinal));
        }

        // TestData's files are copies of corpus files: one of each name, and a copy must not have drifted.
        var distinct = new List<string>();
        foreach (var group in files.GroupBy(Path.GetFileName))
        {
            Assert.All(group, f => Assert.True(File.ReadAllBytes(f).AsSpan().SequenceEqual(File.ReadAllBytes(group.First())), $"{f} differs from {group.First()}"));
            distinct.Add(group.First());
        }

        return distinct;
    }

    /// <summary>render (and explain --json) in thick and in thin mode.</summary>
    private static void AddCases(List<(string, string[])> cases, string name, string cni, string config, bool explain, params string[] sets)
    {
        foreach (var mode in new[] { "thick", "thin" })
        {
            var common = new List<string> { "--cni-dir", cni, "--config-dir", config, "--set", $"Multus__Mode={mode}" };
            foreach (var set in sets)
            {
                common.Add("--set");
                common.Add(set);
            }

            cases.Add((name, ["render", .. common]));
            if (explain)
            {
                cases.Add((name, ["explain", "--json", .. common]));
            }
        }
    }

    private static string Mode(string[] arguments) => arguments.FirstOrDefault(a => a.StartsWith("Multus__Mode=", StringComparison.Ordinal)) ?? string.Empty;

    private static async Task<(int ExitCode, byte[] Stdout, byte[] Stderr)[]> RunAll(IReadOnlyList<string> command, List<(string Name, string[] Arguments)> cases)
    {
        var results = new (int, byte[], byte[])[cases.Count];
        using var slots = new SemaphoreSlim(Environment.ProcessorCount);
        await Task.WhenAll(cases.Select(async (c, i) =>
        {
            await slots.WaitAsync();
            try
            {
                results[i] = await Run(command, c.Arguments);
            }
            finally
            {
                slots.Release();
            }
        }));
        return results;
    }

    private static async Task<(int ExitCode, byte[] Stdout, byte[] Stderr)> Run(IReadOnlyList<string> command, string[] arguments)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command.Skip(1).Concat(arguments))
        {
            info.ArgumentList.Add(a);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("AOTAGENT_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        using var process = Process.Start(info)!;
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var copy = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(stdout), process.StandardError.BaseStream.CopyToAsync(stderr));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            await copy;
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"{string.Join(' ', command)} {string.Join(' ', arguments)} did not finish within 60 s");
        }

        return (process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }

    private static string Diff(byte[] a, byte[] b)
    {
        if (a.AsSpan().SequenceEqual(b))
        {
            return $"same ({a.Length} B)";
        }

        var at = 0;
        while (at < a.Length && at < b.Length && a[at] == b[at])
        {
            at++;
        }

        string Around(byte[] bytes) => Encoding.UTF8.GetString(bytes.AsSpan(Math.Max(0, at - 40), Math.Min(bytes.Length, at + 80) - Math.Max(0, at - 40))).ReplaceLineEndings("\\n");
        return $"differ at byte {at} (x64 {a.Length} B, arm64 {b.Length} B): x64 '...{Around(a)}...' arm64 '...{Around(b)}...'";
    }

    private static string Summary(List<(string Name, string[] Arguments)> cases, (int ExitCode, byte[] Stdout, byte[] Stderr)[] results) =>
        string.Join("; ", cases.Select((c, i) => $"{c.Name} {c.Arguments[0]} {Mode(c.Arguments)} -> {results[i].ExitCode}"));
}
