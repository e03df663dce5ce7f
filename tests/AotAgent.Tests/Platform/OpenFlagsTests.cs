using System.Diagnostics;
using System.Runtime.InteropServices;
using AotAgent.Platform;

namespace AotAgent.Tests.Platform;

/// <summary>
/// Each architecture's open(2) flags against what that architecture's C compiler says, compiled and run here (arm64
/// under qemu-user): the arm64 build once shipped x86-64's O_DIRECTORY, which is O_DIRECT there. test.sh installs the
/// cross compiler and qemu (scripts/install-toolchain.sh).
/// </summary>
public sealed class OpenFlagsTests
{
    private const string Program = """
        #define _GNU_SOURCE
        #include <fcntl.h>
        #include <stdio.h>
        int main(void) { printf("%d %d %d %d %d\n", O_RDONLY, O_NONBLOCK, O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC); return 0; }
        """;

    [Theory]
    [InlineData(Architecture.X64, "cc", null)]
    [InlineData(Architecture.Arm64, "aarch64-linux-gnu-gcc", "qemu-aarch64-static")]
    public void For_EachShippedArchitecture_MatchesItsCHeaders(Architecture architecture, string compiler, string? emulator)
    {
        var flags = OpenFlags.For(architecture);

        Assert.NotNull(flags);
        Assert.Equal(CompileAndRun(compiler, emulator), $"{OpenFlags.ReadOnly} {flags.NonBlock} {flags.Directory} {flags.NoFollow} {flags.CloseOnExec}");
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

    private static string CompileAndRun(string compiler, string? emulator)
    {
        var dir = Directory.CreateTempSubdirectory("aot-agent-openflags-");
        try
        {
            var source = Path.Combine(dir.FullName, "flags.c");
            var binary = Path.Combine(dir.FullName, "flags");
            File.WriteAllText(source, Program);
            Run(compiler, ["-static", "-o", binary, source]);
            return emulator is null ? Run(binary, []) : Run(emulator, [binary]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"{file} did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result.Trim();
    }
}
