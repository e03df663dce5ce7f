using System.Runtime.InteropServices;
using AotAgent.Platform;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Platform;

/// <summary>Issue 11: the daemon raises its soft descriptor limit to the hard one (Native AOT does not do it by itself).</summary>
public sealed class DescriptorLimitTests
{
    private const string Program = """
        #include <sys/resource.h>
        #include <stdio.h>
        int main(void) { printf("%d %zu\n", RLIMIT_NOFILE, sizeof(struct rlimit)); return 0; }
        """;

    public static TheoryData<string, string, string?> Architectures => NativeProgram.Architectures;

    [Theory]
    [MemberData(nameof(Architectures))]
    public void NoFileAndStructSize_MatchTheCHeaders(string architecture, string compiler, string? emulator)
    {
        var headers = NativeProgram.CompileAndRun(Program, compiler, emulator);
        var ours = $"{DescriptorLimit.NoFile} {Marshal.SizeOf<RLimit>()}";
        Assert.True(headers == ours, $"{architecture}: the C headers say '{headers}' (RLIMIT_NOFILE, sizeof(struct rlimit)), the agent uses '{ours}'");
    }

    [Fact]
    public void RaiseToHard_LeavesTheSoftLimitAtTheHardOne()
    {
        var raised = DescriptorLimit.RaiseToHard();

        Assert.NotNull(raised);
        Assert.Equal(0, Libc.GetRLimit(DescriptorLimit.NoFile, out var limit));
        Assert.Equal(limit.Maximum, limit.Current);
        Assert.Equal(limit.Current, raised.Value.After);
    }
}
