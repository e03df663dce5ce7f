using System.Text.RegularExpressions;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests;

/// <summary>
/// The shape docs/architecture.md describes: top-level folders of src/AotAgent depend on each other without a cycle,
/// exactly as the document's graph says, and no source file grows past 200 lines.
/// </summary>
public sealed partial class ArchitectureTests
{
    private const int MaxLines = 200;

    private static readonly string Source = Path.Combine(TestPaths.RepositoryRoot, "src", "AotAgent");

    private static readonly string[] Folders = Directory.GetDirectories(Source)
        .Select(Path.GetFileName)
        .Where(f => f is not ("bin" or "obj"))
        .Select(f => f!)
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories);

    /// <summary>Folder → folders it uses, from <c>using AotAgent.X;</c> and qualified <c>X.Type</c> references.</summary>
    private static SortedSet<(string From, string To)> ActualEdges()
    {
        var edges = new SortedSet<(string, string)>();
        foreach (var folder in Folders)
        {
            foreach (var file in SourceFiles(folder))
            {
                var text = File.ReadAllText(file);
                foreach (var other in Folders.Where(o => o != folder))
                {
                    if (text.Contains($"using AotAgent.{other};", StringComparison.Ordinal) || Regex.IsMatch(text, $@"(?<![\w.]){other}\.[A-Z]"))
                    {
                        edges.Add((folder, other));
                    }
                }
            }
        }

        return edges;
    }

    [Fact]
    public void Folders_DependOnEachOtherWithoutACycle()
    {
        var edges = ActualEdges();
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();

        void Visit(string folder, List<string> path)
        {
            Assert.False(visiting.Contains(folder), "import cycle: " + string.Join(" -> ", path.Append(folder)));
            if (!done.Add(folder))
            {
                return;
            }

            visiting.Add(folder);
            foreach (var (_, to) in edges.Where(e => e.From == folder))
            {
                Visit(to, [.. path, folder]);
            }

            visiting.Remove(folder);
        }

        foreach (var folder in Folders)
        {
            Visit(folder, []);
        }
    }

    [Fact]
    public void ArchitectureDocument_GraphIsTheRealOne()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "architecture.md"));
        var documented = new SortedSet<(string, string)>(EdgePattern().Matches(doc).Select(m => (m.Groups[1].Value, m.Groups[2].Value)));

        var actual = ActualEdges();

        Assert.True(actual.SetEquals(documented),
            "docs/architecture.md's graph differs from the code. Not documented: " + string.Join(", ", actual.Except(documented).Select(e => $"{e.Item1} --> {e.Item2}")) +
            "; documented but not in the code: " + string.Join(", ", documented.Except(actual).Select(e => $"{e.Item1} --> {e.Item2}")));
    }

    [Fact]
    public void SourceFiles_AreAtMost200Lines()
    {
        var long_ = Folders.SelectMany(SourceFiles).Append(Path.Combine(Source, "Program.cs"))
            .Select(f => (File: Path.GetRelativePath(Source, f), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File} ({f.Lines} lines)");

        Assert.Empty(long_);
    }

    [Fact]
    public void TestFolders_MirrorSourceFolders()
    {
        var testRoot = Path.Combine(TestPaths.RepositoryRoot, "tests", "AotAgent.Tests");
        var missing = Folders.Where(f => !Directory.Exists(Path.Combine(testRoot, f)));

        Assert.Empty(missing);
    }

    [GeneratedRegex(@"^\s+(\w+) --> (\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex EdgePattern();
}
