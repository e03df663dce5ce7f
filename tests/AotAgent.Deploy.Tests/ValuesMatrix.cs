namespace AotAgent.Deploy.Tests;

/// <summary>The values files under tests/AotAgent.Deploy.Tests/values, as theory data.</summary>
public static class ValuesMatrix
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.ValuesDir, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }
}
