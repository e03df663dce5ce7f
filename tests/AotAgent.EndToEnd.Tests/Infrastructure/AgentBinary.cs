namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>Finds the published native binary: AOT_AGENT_BINARY, else &lt;repo&gt;/artifacts/publish/linux-x64/aot-agent.</summary>
public static class AgentBinary
{
    public const string EnvironmentVariable = "AOT_AGENT_BINARY";

    private static readonly Lazy<string> Resolved = new(Resolve);

    public static string Path => Resolved.Value;

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "AotAgent.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"cannot find AotAgent.sln above {AppContext.BaseDirectory}");
    }

    private static string Resolve()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            Assert.True(File.Exists(fromEnv), $"{EnvironmentVariable}={fromEnv} does not exist; run scripts/publish.sh linux-x64 and point {EnvironmentVariable} at the binary it prints");
            return fromEnv;
        }

        string fallback;
        try
        {
            fallback = System.IO.Path.Combine(RepoRoot(), "artifacts", "publish", "linux-x64", "aot-agent");
        }
        catch (InvalidOperationException ex)
        {
            Assert.Fail($"{EnvironmentVariable} is unset and {ex.Message}; run scripts/publish.sh linux-x64 and set {EnvironmentVariable}");
            throw;
        }

        Assert.True(File.Exists(fallback), $"{EnvironmentVariable} is unset and {fallback} does not exist: run scripts/publish.sh linux-x64 (or set {EnvironmentVariable} to a published aot-agent binary)");
        return fallback;
    }
}
