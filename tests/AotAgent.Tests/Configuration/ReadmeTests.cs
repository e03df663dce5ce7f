using AotAgent.Configuration;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Configuration;

/// <summary>Keeps the README's configuration table true: every key the agent reads is there, with its real default.</summary>
public sealed class ReadmeTests
{
    private static readonly string[] Readme = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "README.md"));

    public static TheoryData<string> Keys => [.. SettingKeys.All.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(Keys))]
    public void ConfigurationTable_HasTheKeyWithItsDefault(string name)
    {
        var key = SettingKeys.All.Single(k => k.Name == name);
        var row = Readme.SingleOrDefault(l => l.StartsWith("| `" + name + "` |", StringComparison.Ordinal));

        Assert.True(row is not null, $"README.md has no row for {name}");
        var defaultCell = row.Split('|')[2];
        Assert.Contains(key.Default is null ? "(" : "`" + key.Default + "`", defaultCell, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationTable_HasNoKeyTheAgentDoesNotRead()
    {
        var start = Array.FindIndex(Readme, l => l.StartsWith("| `CniDir` |", StringComparison.Ordinal));
        var documented = Readme.Skip(start).TakeWhile(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1])
            .Where(k => !k.StartsWith(SettingKeys.LoggingSection + "__", StringComparison.Ordinal));

        Assert.Equal(SettingKeys.All.Select(k => k.Name).Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }
}
