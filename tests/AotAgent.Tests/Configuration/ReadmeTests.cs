using AotAgent.Configuration;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Configuration;

/// <summary>Keeps the README's configuration table true: every key the agent reads is documented there.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void ConfigurationTable_ListsEveryKey()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        foreach (var key in ConfigurationKeys.All)
        {
            Assert.Contains("| `" + ConfigurationKeys.Display(key) + "` |", readme, StringComparison.Ordinal);
        }
    }
}
