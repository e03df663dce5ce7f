namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Finds the published native binary: AOT_AGENT_BINARY, else &lt;repo&gt;/artifacts/publish/linux-x64/aot-agent; and what
/// starts it: AOT_AGENT_RUNNER, a command the binary becomes the first argument of (test.sh runs the linux-arm64 binary
/// with AOT_AGENT_RUNNER="qemu-aarch64-static -L /usr/aarch64-linux-gnu"; the process is then qemu-user, which passes
/// signals on to the agent and exits with its status). The linux-arm64 binary for ArchitectureParityTests:
/// AOT_AGENT_BINARY_ARM64, else &lt;repo&gt;/artifacts/publish/linux-arm64/aot-agent, run under AOT_AGENT_RUNNER_ARM64
/// (default: qemu-user on a machine that is not arm64).
/// </summary>
public static class AgentBinary
{
    public const string EnvironmentVariable = "AOT_AGENT_BINARY";
    public const string RunnerVariable = "AOT_AGENT_RUNNER";
    public const string Arm64Variable = "AOT_AGENT_BINARY_ARM64";
    public const string Arm64RunnerVariable = "AOT_AGENT_RUNNER_ARM64";
    public const string QemuArm64 = "qemu-aarch64-static -L /usr/aarch64-linux-gnu";

    private static readonly Lazy<string> Resolved = new(() => Resolve(EnvironmentVariable, "linux-x64"));
    private static readonly Lazy<string> ResolvedArm64 = new(() => Resolve(Arm64Variable, "linux-arm64"));

    public static string Path => Resolved.Value;

    /// <summary>The runner's words (empty: the binary runs directly).</summary>
    public static IReadOnlyList<string> Runner { get; } = Words(Environment.GetEnvironmentVariable(RunnerVariable));

    /// <summary>The command line that starts the binary: the runner's words, then the binary.</summary>
    public static IReadOnlyList<string> Command => [.. Runner, Path];

    public static string Arm64Path => ResolvedArm64.Value;

    public static IReadOnlyList<string> Arm64Command =>
    [
        .. Words(Environment.GetEnvironmentVariable(Arm64RunnerVariable)
            ?? (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? null : QemuArm64)),
        Arm64Path,
    ];

    private static string[] Words(string? command) => command?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "AotAgent.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"cannot find AotAgent.sln above {AppContext.BaseDirectory}");
    }

    private static string Resolve(string variable, string rid)
    {
        var fromEnv = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            Assert.True(File.Exists(fromEnv), $"{variable}={fromEnv} does not exist; run scripts/publish.sh {rid} and point {variable} at the binary it prints");
            return fromEnv;
        }

        string fallback;
        try
        {
            fallback = System.IO.Path.Combine(RepoRoot(), "artifacts", "publish", rid, "aot-agent");
        }
        catch (InvalidOperationException ex)
        {
            Assert.Fail($"{variable} is unset and {ex.Message}; run scripts/publish.sh {rid} and set {variable}");
            throw;
        }

        Assert.True(File.Exists(fallback), $"{variable} is unset and {fallback} does not exist: run scripts/publish.sh {rid} (or set {variable} to a published aot-agent binary)");
        return fallback;
    }
}
