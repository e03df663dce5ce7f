using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>Issue 5: a CNI directory full of traps. Every entry gets a verdict and a reason; nothing hangs, nothing leaks in.</summary>
public sealed class HostileDirectoryTests(ITestOutputHelper output)
{
    private const int Junk = 5_000;
    private const string Secret = "OUTSIDE-SECRET-NETWORK";

    [Trait("Arch", "all")]
    [Fact]
    public async Task HostileEntries_ExplainGivesEveryFileAVerdict_DaemonNeverEmbedsOutsideContent()
    {
        using var dir = new CniDirectory();
        var outside = Path.Combine(dir.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "valid.conflist"), $"{{\"cniVersion\":\"0.3.1\",\"name\":\"{Secret}\",\"plugins\":[{{\"type\":\"bridge\"}}]}}");

        // Everything hostile sorts before the one legitimate config (90-flannel.conflist).
        File.CreateSymbolicLink(dir.PathOf("01-outside.conflist"), Path.Combine(outside, "valid.conflist"));
        File.CreateSymbolicLink(dir.PathOf("02-outside-relative.conflist"), "../outside/valid.conflist");
        Shell.MustRun("mkfifo", dir.PathOf("03-fifo.conf"));
        Shell.MustRun("python3", "-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", dir.PathOf("04-socket.conf"));
        File.CreateSymbolicLink(dir.PathOf("05-devnull.conf"), "/dev/null");
        File.CreateSymbolicLink(dir.PathOf("06-loop.conf"), "06-loop.conf");
        File.CreateSymbolicLink(dir.PathOf("07-loop-a.conf"), "07-loop-b.conf");
        File.CreateSymbolicLink(dir.PathOf("07-loop-b.conf"), "07-loop-a.conf");
        File.CreateSymbolicLink(dir.PathOf("08-dangling.conf"), "nowhere.conf");
        Directory.CreateDirectory(dir.PathOf("09-directory.conf"));
        File.CreateSymbolicLink(dir.PathOf("09-outside-dir.conf"), outside);
        var huge = new StringBuilder("{\"cniVersion\":\"0.3.1\",\"name\":\"huge\",\"type\":\"bridge\",\"pad\":\"");
        huge.Append('x', 1_200_000).Append("\"}");
        File.WriteAllText(dir.PathOf("10-huge.conf"), huge.ToString());
        File.WriteAllText(dir.PathOf("11-deep.conf"), new string('[', 100_000) + new string(']', 100_000));
        File.WriteAllText(dir.PathOf("12-deep-object.conf"), "{\"cniVersion\":\"0.3.1\",\"name\":\"deep\",\"type\":\"bridge\",\"x\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_001));
        File.WriteAllText(dir.PathOf("13-empty.conf"), string.Empty);
        for (var i = 0; i < Junk; i++)
        {
            File.WriteAllText(dir.PathOf($"40-junk-{i:D4}.conf"), i % 2 == 0 ? "{" : "{\"cniVersion\":\"0.3.1\"}");
        }

        dir.Install(TestData.Flannel, "90-flannel.conflist");
        File.WriteAllBytes(dir.PathOf("96-bom.conflist"), [0xef, 0xbb, 0xbf, .. TestData.Bytes(TestData.Calico)]);
        var entries = Directory.EnumerateFileSystemEntries(dir.Cni).Count();

        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr, elapsed) = await AgentProcess.RunAsync(["explain", "--json", "--cni-dir", dir.Cni, "--config-dir", dir.Config], null, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"explain on a hostile directory exited {code}: {stderr}; {dir.Describe()}");
        using var doc = JsonDocument.Parse(stdout);
        var report = doc.RootElement;
        Assert.Equal("90-flannel.conflist", report.GetProperty("selected").GetProperty("file").GetString());
        var candidates = report.GetProperty("candidates").EnumerateArray().ToDictionary(c => c.GetProperty("file").GetString()!, c => (Verdict: c.GetProperty("verdict").GetString()!, Reason: c.GetProperty("reason").GetString()!));
        Assert.True(candidates.Count == entries, $"explain listed {candidates.Count} of {entries} entries");
        foreach (var (file, (verdict, reason)) in candidates)
        {
            Assert.True(verdict is "selected" or "eligible" or "excluded" or "invalid" or "ignored" && !string.IsNullOrWhiteSpace(reason), $"{file}: verdict '{verdict}', reason '{reason}'");
        }

        foreach (var trap in new[] { "01-outside.conflist", "02-outside-relative.conflist", "03-fifo.conf", "04-socket.conf", "05-devnull.conf", "06-loop.conf", "07-loop-a.conf", "07-loop-b.conf", "08-dangling.conf", "09-directory.conf", "09-outside-dir.conf", "10-huge.conf", "11-deep.conf", "12-deep-object.conf", "13-empty.conf" })
        {
            Assert.True(candidates[trap].Verdict is "invalid" or "ignored", $"{trap} got verdict {candidates[trap].Verdict} ({candidates[trap].Reason})");
        }

        var traps = string.Join("; ", candidates.Where(c => !c.Key.StartsWith("40-junk-", StringComparison.Ordinal)).Select(c => $"{c.Key}: {c.Value.Verdict} ({c.Value.Reason})"));
        output.WriteLine(traps);
        Assert.DoesNotContain(Secret, stdout, StringComparison.Ordinal);

        // The daemon in thin mode: content would show up in delegates if a link outside CniDir were followed.
        using var agent = AgentProcess.StartDaemon(dir, "Multus__Mode=thin");
        await agent.WaitReadyAsync(dir, TimeSpan.FromSeconds(60));
        var outputBytes = dir.ReadOutput()!;
        Assert.Equal("cbr0", dir.OutputPrimary());
        Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(outputBytes), StringComparison.Ordinal);
        var metrics = await agent.Http.MetricsAsync();
        Assert.False(agent.HasExited, agent.Tail());
        Figures.Record(output, "hostile directory", $"{entries} entries ({Junk} junk configs, FIFO, socket, /dev/null link, 3 loop links, dangling link, 2 links outside, link to outside dir, directory, 1.2 MB file, 100,000-deep array, 5,000-deep object, empty, BOM): explain --json in {elapsed.TotalMilliseconds:F0} ms, every entry a verdict and reason; daemon ready, candidates invalid {metrics["aotagent_candidates{verdict=\"invalid\"}"]}, ignored {metrics["aotagent_candidates{verdict=\"ignored\"}"]}; outside content never embedded; BOM file: {candidates["96-bom.conflist"].Verdict} ({candidates["96-bom.conflist"].Reason})");
    }

    [Trait("Arch", "all")]
    [Fact]
    public async Task InvalidUtf8InsideAJsonString_GetsAVerdict_DaemonSurvives()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Flannel, "90-flannel.conflist");
        File.WriteAllBytes(dir.PathOf("95-invalid-utf8.conf"), [.. "{\"cniVersion\":\"0.3.1\",\"name\":\""u8, 0xff, 0xfe, .. "\",\"type\":\"bridge\"}"u8]);

        var (code, stdout, stderr, _) = await AgentProcess.RunAsync(["explain", "--json", "--cni-dir", dir.Cni, "--config-dir", dir.Config], null, TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"explain with a config holding invalid UTF-8 in a string exited {code} (expected 0, the file invalid): {stderr.Split('\n')[0]}; {dir.Describe()}");
        Assert.Contains("95-invalid-utf8.conf", stdout, StringComparison.Ordinal);

        using var agent = AgentProcess.StartDaemon(dir);
        await Wait.Until(() => dir.OutputPrimary() == "90-flannel.conflist" || agent.HasExited, TimeSpan.FromSeconds(10), () => $"invalid UTF-8: no output; {dir.Describe()}; {agent.Tail()}");
        await Task.Delay(500);
        Assert.False(agent.HasExited, $"the daemon stopped (exit {(agent.HasExited ? agent.ExitCode : 0)}) because a file in CniDir holds invalid UTF-8 in a JSON string; {dir.Describe()}; {agent.Tail(5)}");
        Assert.Equal("90-flannel.conflist", dir.OutputPrimary());
        Figures.Record(output, "invalid UTF-8", "a config with invalid UTF-8 in a string: explain exit 0, daemon survives");
    }
}
