using System.Diagnostics;

namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>Runs a helper command (mkfifo, mount, python3) and returns its exit code and output.</summary>
public static class Shell
{
    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30_000))
        {
            p.Kill();
            return (-1, "timed out");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public static void MustRun(string file, params string[] args)
    {
        var (code, output) = Run(file, args);
        Assert.True(code == 0, $"{file} {string.Join(' ', args)} failed ({code}): {output}");
    }
}
