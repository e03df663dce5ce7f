using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>
/// Issue 16: the suite runs the binary it was told to. AOT_AGENT_EXPECT_ARCH (x64, arm64; default: this machine's) names
/// the architecture the binary under test must be built for; test.sh sets arm64 for the subset it runs on the
/// linux-arm64 binary under qemu-user (AOT_AGENT_RUNNER), so that run cannot pass on an x86-64 binary by mistake.
/// </summary>
[Trait("Arch", "all")]
public sealed class BinaryArchitectureTests
{
    [Fact]
    public async Task BinaryUnderTest_IsTheExpectedArchitecture_AndRunsThroughTheRunner()
    {
        var expected = Environment.GetEnvironmentVariable("AOT_AGENT_EXPECT_ARCH") is { Length: > 0 } named ? named : Elf.Host;
        var actual = Elf.Architecture(AgentBinary.Path);
        Assert.True(expected == actual, $"{AgentBinary.Path} is built for {actual}, expected {expected} (AOT_AGENT_EXPECT_ARCH)");
        Assert.True(actual == Elf.Host || AgentBinary.Runner.Count > 0,
            $"{AgentBinary.Path} is built for {actual} but this machine is {Elf.Host} and {AgentBinary.RunnerVariable} is unset");

        var (exitCode, stdout, stderr, _) = await AgentProcess.RunAsync(["version"], null, TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"`{string.Join(' ', AgentBinary.Command)} version` exited {exitCode}: {stderr}");
        Assert.Matches(@"^\d+\.\d+\.\d+", stdout);
    }
}
