namespace AotAgent.Deploy.Tests;

public sealed class ChartLintTests
{
    [Fact]
    public void Lint_Strict_DefaultValues_Passes()
    {
        var result = Helm.Run("lint", "--strict", RepoPaths.ChartDir);
        Assert.True(result.Succeeded, result.Describe());
    }

    [Theory]
    [MemberData(nameof(ValuesMatrix.Files), MemberType = typeof(ValuesMatrix))]
    public void Lint_Strict_ValuesMatrix_Passes(string valuesFile)
    {
        var result = Helm.Run("lint", "--strict", RepoPaths.ChartDir, "--namespace", Helm.DefaultNamespace, "-f", Helm.ValuesFile(valuesFile));
        Assert.True(result.Succeeded, result.Describe());
    }

    [Fact]
    public void ValuesMatrix_CoversTheDocumentedScenarios()
    {
        var files = Directory.EnumerateFiles(RepoPaths.ValuesDir, "*.yaml").Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "defaults.yaml", "thin-mode.yaml", "tolerations-removed.yaml", "affinity-removed.yaml",
            "extra-scheduling.yaml", "custom-affinity.yaml", "pool-a.yaml", "pool-b.yaml",
            "podmonitor.yaml", "dashboard.yaml", "overrides.yaml", "operator-features.yaml",
        ];
        Assert.All(expected, name => Assert.Contains(name, files));
    }
}
