using System.Text.RegularExpressions;

namespace AotAgent.Deploy.Tests;

/// <summary>
/// Every link in the project's own documents resolves inside the repository, anchors included: someone who clones it
/// finds every page a document points to (issue 14: README.md linked to ../shared/reference/multus.md and an absolute
/// path). The chart's NOTES.txt is checked too: every repository path it names exists.
/// </summary>
public sealed partial class DocumentLinksTests
{
    private static readonly string[] SkippedDirectories = [".git", ".tools", "bin", "obj", "artifacts", "node_modules", "BenchmarkDotNet.Artifacts"];

    private static IEnumerable<string> MarkdownFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.md"))
        {
            yield return file;
        }

        foreach (var sub in Directory.EnumerateDirectories(directory).Where(d => !SkippedDirectories.Contains(Path.GetFileName(d))))
        {
            foreach (var file in MarkdownFiles(sub))
            {
                yield return file;
            }
        }
    }

    public static TheoryData<string> Documents() => [.. MarkdownFiles(RepoPaths.Root).Select(f => Path.GetRelativePath(RepoPaths.Root, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryRelativeLink_ResolvesInsideTheRepository(string document)
    {
        var path = RepoPaths.At(document);
        var text = File.ReadAllText(path);
        var broken = new List<string>();
        foreach (var target in Link().Matches(CodeSpan().Replace(text, string.Empty)).Select(m => m.Groups["target"].Value))
        {
            if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var resolved = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, file));
            if (target.StartsWith('/') || !resolved.StartsWith(RepoPaths.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                broken.Add($"{target}: outside the repository");
            }
            else if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                broken.Add($"{target}: no such file");
            }
            else if (anchor is not null && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(resolved)).Contains(anchor))
            {
                broken.Add($"{target}: no heading with that anchor");
            }
        }

        Assert.True(broken.Count == 0, $"{document}: {string.Join("; ", broken)}");
    }

    [Fact]
    public void LinkCheck_FindsTheLinksItChecks()
    {
        var readme = File.ReadAllText(RepoPaths.At("README.md"));
        var targets = Link().Matches(readme).Select(m => m.Groups["target"].Value).ToList();

        Assert.Contains("deploy/README.md", targets);
        Assert.Contains("docs/reliability.md#http-abuse", targets);
        Assert.Contains("http-abuse", Anchors(File.ReadAllText(RepoPaths.At("docs", "reliability.md"))));
        Assert.Contains("uninstall-remove-the-output-from-every-node", Anchors(File.ReadAllText(RepoPaths.At("deploy", "README.md"))));
    }

    [Fact]
    public void ChartNotes_NameOnlyPathsThatExist()
    {
        var notes = File.ReadAllText(Path.Combine(RepoPaths.ChartDir, "templates", "NOTES.txt"));
        var paths = RepoPath().Matches(notes).Select(m => m.Value).ToList();

        Assert.Contains("deploy/README.md", paths);
        Assert.All(paths, p => Assert.True(File.Exists(RepoPaths.At(p)), $"NOTES.txt names {p}, which does not exist"));
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, spaces to '-'.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        [.. Heading().Matches(markdown).Select(m => AnchorStrip().Replace(m.Groups["title"].Value.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-'))];

    [GeneratedRegex(@"(?<!!)\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"```[\s\S]*?```|`[^`\n]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6} (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{Nd} _-]")]
    private static partial Regex AnchorStrip();

    [GeneratedRegex(@"\b(?:deploy|docs|scripts|src|tests)/[\w./-]+\.(?:md|json|yaml|sh|cs)\b")]
    private static partial Regex RepoPath();
}
