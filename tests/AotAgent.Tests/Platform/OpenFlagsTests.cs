using System.Runtime.InteropServices;
using AotAgent.Platform;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Platform;

/// <summary>
/// Each architecture's open(2) flags against what that architecture's C compiler says, compiled and run here (arm64
/// under qemu-user): the arm64 build once shipped x86-64's O_DIRECTORY, which is O_DIRECT there.
/// </summary>
public sealed class OpenFlagsTests
{
    private const string Program = """
        #define _GNU_SOURCE
        #include <fcntl.h>
        #include <stdio.h>
        int main(void) { printf("%d %d %d %d %d %d\n", O_RDONLY, O_NONBLOCK, O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC, O_NOCTTY); return 0; }
        """;

    public static TheoryData<string, string, string?> Architectures => NativeProgram.Architectures;

    [Theory]
    [MemberData(nameof(Architectures))]
    public void For_EachShippedArchitecture_MatchesItsCHeaders(string architecture, string compiler, string? emulator)
    {
        var flags = OpenFlags.For(Enum.Parse<Architecture>(architecture));

        Assert.NotNull(flags);
        Assert.Equal(NativeProgram.CompileAndRun(Program, compiler, emulator), $"{OpenFlags.ReadOnly} {flags.NonBlock} {flags.Directory} {flags.NoFollow} {flags.CloseOnExec} {flags.NoControllingTerminal}");
    }

    [Theory]
    [InlineData(Architecture.X86)]
    [InlineData(Architecture.Arm)]
    [InlineData(Architecture.S390x)]
    [InlineData(Architecture.Ppc64le)]
    [InlineData(Architecture.RiscV64)]
    [InlineData(Architecture.LoongArch64)]
    public void For_ArchitectureNotShipped_IsUnknownRatherThanGuessed(Architecture architecture) =>
        Assert.Null(OpenFlags.For(architecture));

    [Fact]
    public void Current_IsTheRunningArchitecturesRow() =>
        Assert.Equal(OpenFlags.For(RuntimeInformation.ProcessArchitecture), OpenFlags.Current);
}
