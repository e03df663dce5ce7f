using System.Diagnostics;
using System.Text.Json;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>
/// Issue 10: no file, name or moment can crash, hang or mislead the agent: duplicate keys, pipes, sockets and devices
/// where files are expected, a name flipping between a file and a FIFO, a replaced symlinked CniDir, a directory too
/// large to list, SIGTERM during start-up. Every process call is bounded by a timeout, so a hang fails the test.
/// </summary>
public sealed class EdgeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private const string DuplicateKeyPlugin = """{"cniVersion":"0.4.0","name":"vendor","plugins":[{"type":"vendor","mtu":1,"mtu":2}]}""";

    private static string[] Verb(string verb, CniDirectory dir, params string[] sets) =>
        [verb, "--cni-dir", dir.Cni, "--config-dir", dir.Config, .. sets.SelectMany(s => new[] { "--set", s })];

    [Fact]
    public async Task DuplicateKeyInAPlugin_EveryVerbAndTheDaemonCarryOn()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        File.WriteAllText(dir.PathOf("05-vendor.conflist"), DuplicateKeyPlugin);

        foreach (var verb in new[] { "explain", "render", "once", "uninstall" })
        {
            var (code, stdout, stderr, _) = await AgentProcess.RunAsync(Verb(verb, dir, "Primary__Prefer=file:10-aws.conflist"), null, Patience);
            Assert.True(code == 0, $"{verb} with a duplicate key in 05-vendor.conflist exited {code}: {stderr} {stdout}");
            Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
        }

        var (_, json, _, _) = await AgentProcess.RunAsync([.. Verb("explain", dir), "--json"], null, Patience);
        using var report = JsonDocument.Parse(json);
        var vendor = report.RootElement.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("file").GetString() == "05-vendor.conflist");
        Assert.Contains(vendor.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("duplicate key", StringComparison.Ordinal));

        using var agent = AgentProcess.StartDaemon(dir, "Primary__Prefer=file:10-aws.conflist");
        await agent.WaitReadyAsync(dir);
        File.WriteAllText(dir.PathOf("06-vendor-live.conflist"), DuplicateKeyPlugin.Replace("\"vendor\"", "\"vendor2\"", StringComparison.Ordinal));
        dir.Install(TestData.Calico);
        File.WriteAllText(dir.PathOf("04-live.conf"), """{"cniVersion":"0.4.0","name":"x","type":"a","type":"b","name":"y"}""");
        await Task.Delay(500);

        Assert.False(agent.HasExited, agent.Tail());
        Assert.Equal(200, (await agent.Http.GetAsync("/healthz")).Status);
        Assert.Equal("10-aws.conflist", dir.OutputPrimary());
        Assert.Equal(0, (await agent.Http.MetricsAsync())["aotagent_reconciles_total{result=\"error\"}"]);
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("socket")]
    [InlineData("devzero")]
    public async Task OutputNameIsNotARegularFile_NothingHangsAndTheOutputReplacesIt(string kind)
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        Plant(dir.OutputPath, kind);

        foreach (var verb in new[] { "explain", "render", "uninstall" })
        {
            var (code, _, stderr, elapsed) = await AgentProcess.RunAsync(Verb(verb, dir), null, Patience);
            Assert.True(code is 0 or 1, $"{verb} with a {kind} as 00-multus.conf exited {code}: {stderr}");
            Assert.True(elapsed < TimeSpan.FromSeconds(10), $"{verb} took {elapsed}");
        }

        var once = await AgentProcess.RunAsync(Verb("once", dir), null, Patience);
        Assert.True(once.ExitCode == 0, $"once over a {kind}: {once.Stderr}; {dir.Describe()}");
        Assert.Equal("10-aws.conflist", dir.OutputPrimary());

        Plant(dir.OutputPath, kind);
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);
        Assert.Equal("10-aws.conflist", dir.OutputPrimary());
        Figures.Record(output, "output name planted", $"{kind} at 00-multus.conf: explain/render/uninstall returned, once and the daemon replaced it with the output");
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("socket")]
    [InlineData("devzero")]
    public async Task CandidateIsNotARegularFile_InvalidWithItsKindNeverRead(string kind)
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        Plant(dir.PathOf("05-trap.conflist"), kind);

        var (code, stdout, stderr, _) = await AgentProcess.RunAsync([.. Verb("explain", dir), "--json"], null, Patience);

        Assert.True(code == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var trap = report.RootElement.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("file").GetString() == "05-trap.conflist");
        // A link to /dev/zero points out of CniDir: ignored unread, like every link out of it.
        Assert.Equal(kind == "devzero" ? "ignored" : "invalid", trap.GetProperty("verdict").GetString());
        Assert.Contains(kind switch { "fifo" => "FIFO", "socket" => "socket", _ => "outside CniDir" }, trap.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CandidateFlipsBetweenFileAndFifo_LoopKeepsTurningAndReacting()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico);
        using var agent = AgentProcess.StartDaemon(dir, "Primary__Prefer=type:aws-cni,type:calico", "Primary__InvalidGrace=00:00:00");
        await agent.WaitReadyAsync(dir);

        var flips = 0;
        var target = dir.PathOf("05-flip.conflist");
        var clock = Stopwatch.StartNew();
        while (flips < 2000 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            var next = dir.PathOf($".flip-{flips}");
            if (flips % 2 == 0)
            {
                Shell.MustRun("mkfifo", next);
            }
            else
            {
                File.WriteAllText(next, DuplicateKeyPlugin);
            }

            File.Move(next, target, overwrite: true);
            flips++;
        }

        Assert.Equal(200, (await agent.Http.GetAsync("/healthz")).Status);
        File.Delete(dir.PathOf("10-aws.conflist"));
        await Wait.Until(() => dir.OutputPrimary() == "10-calico.conflist", Patience, () => $"after {flips} flips the loop no longer reacts; {dir.Describe()}; {agent.Tail()}");
        Figures.Record(output, "file/FIFO flips", $"{flips} flips in {clock.Elapsed.TotalSeconds:F1} s: the loop kept turning and still followed a primary change");
    }

    [Fact]
    public async Task SymlinkedCniDirRetargeted_FollowedPromptlyNotAtTheResync()
    {
        using var dir = new CniDirectory(createCniDir: false);
        var a = Path.Combine(dir.Root, "a");
        var b = Path.Combine(dir.Root, "b");
        Directory.CreateDirectory(a);
        Directory.CreateDirectory(b);
        File.WriteAllBytes(Path.Combine(a, "10-aws.conflist"), TestData.Bytes(TestData.Aws));
        File.WriteAllBytes(Path.Combine(b, "10-calico.conflist"), TestData.Bytes(TestData.Calico));
        File.CreateSymbolicLink(dir.Cni, a);
        using var agent = AgentProcess.StartDaemon(dir);
        await Wait.Until(() => File.Exists(Path.Combine(a, CniDirectory.Conf)), Patience, () => agent.Tail());

        var clock = Stopwatch.StartNew();
        File.CreateSymbolicLink(dir.Cni + ".new", b);
        Shell.MustRun("mv", "-T", dir.Cni + ".new", dir.Cni); // rename(2): File.Move refuses a link to a directory
        await Wait.Until(() => File.Exists(Path.Combine(b, CniDirectory.Conf)), TimeSpan.FromSeconds(10), () => $"retargeted CniDir not followed within 10 s (resync is 30 s); {agent.Tail()}");

        Assert.Contains("10-calico.conflist", File.ReadAllText(Path.Combine(b, CniDirectory.Conf)), StringComparison.Ordinal);
        Figures.Record(output, "symlinked CniDir retargeted", $"followed in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task MoreEntriesThanTheScanLimit_NoChoiceFromAPartialListing()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100_001; i++)
        {
            File.Create(dir.PathOf($"x{i}")).Dispose();
        }

        var made = clock.Elapsed;
        var (code, stdout, stderr, elapsed) = await AgentProcess.RunAsync([.. Verb("explain", dir), "--json"], null, TimeSpan.FromSeconds(60));

        Assert.True(code == 3, $"explain over 100,002 entries exited {code}: {stderr}");
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal("directory_too_large", report.RootElement.GetProperty("outcome").GetString());
        Assert.Null(dir.ReadOutput());
        Figures.Record(output, "scan limit", $"100,002 entries (made in {made.TotalSeconds:F1} s): explain exit 3 directory_too_large in {elapsed.TotalMilliseconds:F0} ms, nothing written");
    }

    [Fact]
    public async Task SigtermDuringStartup_ManyTimes_ExitZeroOutputWholeNoTempFile()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        for (var i = 0; i < 2_000; i++)
        {
            File.WriteAllText(dir.PathOf($"40-junk-{i:D4}.conf"), "{");
        }

        var random = new Random(1201);
        var exits = new List<int>();
        for (var round = 0; round < 30; round++)
        {
            File.Delete(dir.OutputPath);
            using var agent = AgentProcess.StartDaemon(dir);
            await Task.Delay(10 + random.Next(0, 60));
            agent.Terminate();
            Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(10)), $"round {round}: no exit 10 s after SIGTERM; {agent.Tail()}");
            exits.Add(agent.ExitCode);
            Assert.True(agent.ExitCode == 0, $"round {round}: exit {agent.ExitCode}; {agent.Tail()}");
            Assert.True(dir.ReadOutput() is null || dir.OutputPrimary() == "10-aws.conflist", $"round {round}: output not whole; {dir.Describe()}");
            Assert.Empty(dir.TempFiles());
        }

        Figures.Record(output, "SIGTERM during start-up", $"30 rounds, 10–70 ms after exec: every exit 0, output absent or whole, no temp file");
    }

    /// <summary>Puts a FIFO, a unix socket or a link to /dev/zero at <paramref name="path"/> (replacing what is there).</summary>
    private static void Plant(string path, string kind)
    {
        File.Delete(path);
        switch (kind)
        {
            case "fifo":
                Shell.MustRun("mkfifo", path);
                break;
            case "socket":
                Shell.MustRun("python3", "-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path);
                break;
            default:
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
        }
    }
}
