namespace AotAgent.Tests.TestDoubles;

/// <summary>Where test inputs live after the build copies them next to the test assembly.</summary>
public static class TestPaths
{
    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static string CorpusFile(string name) => Path.Combine(Corpus, name);

    /// <summary>The repository root: the directory holding AotAgent.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AotAgent.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("AotAgent.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
