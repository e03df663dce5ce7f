using System.Diagnostics;

namespace AotAgent.Tests.TestDoubles;

/// <summary>
/// Compiles a small C program with an architecture's compiler and runs it (under qemu-user for a foreign one), to read
/// what that architecture's C headers say. test.sh installs the cross compiler and qemu (scripts/install-toolchain.sh).
/// </summary>
internal static class NativeProgram
{
    /// <summary>The shipped architectures: their compiler and, when foreign, the emulator that runs their binaries.</summary>
    public static TheoryData<string, string, string?> Architectures => new()
    {
        { "X64", "cc", null },
        { "Arm64", "aarch64-linux-gnu-gcc", "qemu-aarch64-static" },
    };

    public static string CompileAndRun(string source, string compiler, string? emulator)
    {
        var dir = Directory.CreateTempSubdirectory("aot-agent-native-");
        try
        {
            var file = Path.Combine(dir.FullName, "probe.c");
            var binary = Path.Combine(dir.FullName, "probe");
            File.WriteAllText(file, source);
            Run(compiler, ["-static", "-o", binary, file]);
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
