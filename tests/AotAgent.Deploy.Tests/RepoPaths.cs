namespace AotAgent.Deploy.Tests;

/// <summary>Locates the repository root and the deploy artifacts under test.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> _root = new(FindRoot);

    public static string Root => _root.Value;

    public static string ChartDir => At("deploy", "helm", "aot-agent");

    public static string ValuesDir => At("tests", "AotAgent.Deploy.Tests", "values");

    public static string At(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        // Recorded at build time, so a build with --artifacts-path (output outside the repository) finds it too.
        var recorded = typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "AotAgent.sln")))
        {
            return recorded;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AotAgent.sln"))
                || File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Repository root (AotAgent.sln or Directory.Build.props) not found above {AppContext.BaseDirectory}.");
    }
}
