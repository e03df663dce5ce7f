using System.Diagnostics;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>
/// Issue 14 on the native binary: the uninstall sequence (CleanupOnExit switched on live through a kubelet-style
/// ConfigMap swap, then SIGTERM), SIGHUP re-reading the configuration, a console log without host chatter or ANSI codes
/// in a pipe, and one version for <c>version</c> and <c>--version</c>.
/// </summary>
public sealed class OperatorPathTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static Dictionary<string, string> ConfigMap(bool cleanup, string networkName) => new()
    {
        ["Primary__Prefer"] = "file:10-aws.conflist\n",
        ["Multus__NetworkName"] = networkName + "\n",
        ["CleanupOnExit"] = cleanup ? "true\n" : "false\n",
    };

    /// <summary>
    /// deploy/README.md's uninstall: the agent keeps its output on SIGTERM (a rollout must not leave pods without Multus),
    /// so CleanupOnExit is switched on through the ConfigMap first. Both ways: switched on, the output goes; not switched
    /// (only another key changed by the same kind of swap), it stays.
    /// </summary>
    [Trait("Arch", "all")]
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Uninstall_CleanupOnExitSwitchedOnLive_ThenSigterm_RemovesTheOutputOnlyThen(bool switchOn)
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        var configMap = new KubeletConfigMapWriter(dir.Config);
        configMap.Write(ConfigMap(cleanup: false, "before"));
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);
        Assert.Equal("before", dir.OutputJson()?["name"]?.GetValue<string>());

        configMap.Write(ConfigMap(cleanup: switchOn, "after"));
        await Wait.Until(() => dir.OutputJson()?["name"]?.GetValue<string>() == "after", Patience, () => $"the swap was not applied; {agent.Tail()}");
        if (switchOn)
        {
            await Wait.Until(() => agent.Events(41).Count == 1, Patience, () => $"no 'CleanupOnExit is on' line to wait for; {agent.Tail()}");
        }

        var clock = Stopwatch.StartNew();
        agent.Terminate();
        Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(5)), agent.Tail());
        Assert.Equal(0, agent.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"exit took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(!switchOn, File.Exists(dir.OutputPath));
        Assert.Equal(switchOn ? 1 : 0, agent.Events(17).Count);
        Assert.True(File.Exists(dir.PathOf("10-aws.conflist")), dir.Describe());
        Assert.Empty(dir.TempFiles());
        Figures.Record(output, "uninstall", $"CleanupOnExit {(switchOn ? "switched on live" : "left off")}: SIGTERM -> exit 0 in {clock.Elapsed.TotalMilliseconds:F0} ms, output {(switchOn ? "removed" : "kept")}");
    }

    /// <summary>
    /// A ConfigMap key whose link points outside the watched directory: editing its target makes no event the agent
    /// sees, so only SIGHUP can bring the edit in. The process lives on, and SIGTERM still ends it with exit 0.
    /// </summary>
    [Fact]
    public async Task Sighup_ReReadsTheConfiguration_AndDoesNotEndTheProcess()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico);
        var outside = Path.Combine(dir.Root, "outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(dir.Config);
        File.WriteAllText(Path.Combine(outside, "Primary__Prefer"), "file:10-aws.conflist\n");
        File.CreateSymbolicLink(Path.Combine(dir.Config, "Primary__Prefer"), Path.Combine(outside, "Primary__Prefer"));
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);
        Assert.Equal("10-aws.conflist", dir.OutputPrimary());

        File.WriteAllText(Path.Combine(outside, "Primary__Prefer"), "file:10-calico.conflist\n");
        await Task.Delay(1500);
        Assert.Equal("10-aws.conflist", dir.OutputPrimary());

        agent.Hangup();
        await Wait.Until(() => dir.OutputPrimary() == "10-calico.conflist", Patience, () => $"SIGHUP did not apply the edit; {agent.Tail()}");
        Assert.False(agent.HasExited);
        Assert.Single(agent.Events(43));
        Assert.Single(agent.Events(13));

        agent.Hangup();
        await Wait.Until(() => agent.Events(43).Count == 2, Patience, () => $"second SIGHUP not seen; {agent.Tail()}");
        Assert.False(agent.HasExited);
        Assert.Single(agent.Events(13)); // nothing changed: no new generation

        agent.Terminate();
        Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(5)), agent.Tail());
        Assert.Equal(0, agent.ExitCode);
    }

    /// <summary>
    /// The simple format into a pipe: no ANSI codes even with DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION set (with
    /// which .NET colours a pipe), and none of the Generic Host's chatter unless the level is Debug.
    /// </summary>
    [Theory]
    [InlineData("Information", false)]
    [InlineData("Debug", true)]
    public async Task ConsoleLog_InAPipe_NoAnsi_HostChatterOnlyAtDebug(string level, bool chatter)
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        using var agent = AgentProcess.StartDaemon(dir.Cni, dir.Config, [], new Dictionary<string, string>
        {
            ["AOTAGENT_Logging__Console__FormatterName"] = "simple",
            ["AOTAGENT_Logging__LogLevel__Default"] = level,
            ["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "1",
        });
        await agent.WaitReadyAsync(dir);
        await Wait.Until(() => agent.StdoutLines.Any(l => l.Contains("Serving HTTP on", StringComparison.Ordinal)), Patience, () => agent.Tail());
        await Task.Delay(300);

        var lines = agent.StdoutLines;
        Assert.DoesNotContain(lines, l => l.Contains('\u001b', StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Primary is now 10-aws.conflist", StringComparison.Ordinal));
        string[] hostLines = ["Application started", "Hosting environment", "Content root path"];
        Assert.All(hostLines, h => Assert.Equal(chatter, lines.Any(l => l.Contains(h, StringComparison.Ordinal))));
        var primary = lines.ToList().FindIndex(l => l.Contains("Primary is now", StringComparison.Ordinal));
        var wrote = lines.ToList().FindIndex(l => l.Contains("Wrote ", StringComparison.Ordinal));
        Assert.True(primary >= 0 && wrote > primary, $"'Primary is now' must come before 'Wrote'; {agent.Tail(30)}");
    }

    [Fact]
    public async Task VersionVerb_AndVersionOption_PrintTheSameLine()
    {
        var verb = await AgentProcess.RunAsync(["version"], null, Patience);
        var option = await AgentProcess.RunAsync(["--version"], null, Patience);

        Assert.Equal(0, verb.ExitCode);
        Assert.Equal(0, option.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+$", verb.Stdout.TrimEnd());
        Assert.Equal(verb.Stdout, option.Stdout);
    }
}
