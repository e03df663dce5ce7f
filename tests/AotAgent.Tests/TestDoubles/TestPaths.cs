using System.Reflection;

namespace AotAgent.Tests.TestDoubles;

/// <summary>Where test inputs live after the build copies them next to the test assembly.</summary>
public static class TestPaths
{
    /// <summary>A copy of the shared CNI corpus (real configs and Multus outputs; provenance in its SOURCES.md).</summary>
    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "TestData", "Corpus");

    public static string CorpusFile(string name) => Path.Combine(Corpus, name);

    /// <summary>The repository root, recorded at build time (the test output may live outside the repository).</summary>
    public static string RepositoryRoot =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value
        ?? throw new InvalidOperationException("RepositoryRoot metadata missing");
}
