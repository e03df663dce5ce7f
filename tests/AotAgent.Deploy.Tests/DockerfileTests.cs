using System.Text.RegularExpressions;

namespace AotAgent.Deploy.Tests;

/// <summary>Static checks of the top-level Dockerfile (no Docker engine is needed).</summary>
public sealed partial class DockerfileTests
{
    private sealed record Instruction(string Keyword, string Arguments, string Body);

    private sealed record Stage(string From, List<Instruction> Instructions);

    private static List<Stage> Stages()
    {
        var stages = new List<Stage>();
        var lines = File.ReadAllLines(RepoPaths.At("Dockerfile"));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            // Join backslash continuations, then take a heredoc body (<<WORD ... WORD) if any.
            var text = line;
            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                text = text[..^1] + " " + lines[++i].Trim();
            }

            var body = string.Empty;
            var heredoc = Heredoc().Match(text);
            if (heredoc.Success)
            {
                var end = heredoc.Groups["word"].Value;
                var bodyLines = new List<string>();
                while (++i < lines.Length && lines[i] != end)
                {
                    bodyLines.Add(lines[i]);
                }

                body = string.Join('\n', bodyLines);
            }

            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var keyword = text[..space].ToUpperInvariant();
            var arguments = text[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stages.Add(new Stage(arguments, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add(new Instruction(keyword, arguments, body));
            }
        }

        return stages;
    }

    [Fact]
    public void Dockerfile_IsMultiStage_FromAotSdkToChiseledRuntimeDeps()
    {
        var stages = Stages();

        Assert.True(stages.Count >= 2, "expected a build stage and a final stage");
        Assert.Contains(stages, s => s.From.StartsWith("--platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot ", StringComparison.Ordinal));
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", stages[^1].From, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildStage_RunsScriptsPublishSh_ForTheTargetArchitecture()
    {
        var build = Stages()[0];
        var runs = build.Instructions.Where(i => i.Keyword == "RUN").Select(i => i.Arguments + "\n" + i.Body).ToList();

        Assert.Contains(build.Instructions, i => i.Keyword == "ARG" && i.Arguments == "TARGETARCH");
        Assert.Contains(runs, r => r.Contains("scripts/publish.sh \"$rid\"", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("amd64) rid=linux-x64", StringComparison.Ordinal) && r.Contains("arm64) rid=linux-arm64", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildStage_InstallsItsToolchainWithInstallToolchainSh_FromThePackageLists()
    {
        var build = Stages()[0];
        var instructions = build.Instructions;
        var copyScript = instructions.FindIndex(i => i.Keyword == "COPY" && i.Arguments.EndsWith("scripts/install-toolchain.sh scripts/", StringComparison.Ordinal));
        var copyLists = instructions.FindIndex(i => i.Keyword == "COPY" && i.Arguments.EndsWith("scripts/packages/ scripts/packages/", StringComparison.Ordinal));
        var install = instructions.FindIndex(i => i.Keyword == "RUN" && i.Body.Contains("scripts/install-toolchain.sh $lists", StringComparison.Ordinal));
        var publish = instructions.FindIndex(i => i.Keyword == "RUN" && i.Body.Contains("scripts/publish.sh", StringComparison.Ordinal));

        Assert.True(copyScript >= 0 && copyLists >= 0, "the build stage must COPY scripts/install-toolchain.sh and scripts/packages/ in");
        Assert.True(install > copyScript && install > copyLists && publish > install, "order: COPY the script and lists, install, then publish");
        var body = instructions[install].Body;
        Assert.Contains("lists=aot-native", body, StringComparison.Ordinal);
        Assert.Contains("if [ \"$TARGETARCH\" != \"$BUILDARCH\" ]; then lists=\"$lists aot-cross-$TARGETARCH\"; fi", body, StringComparison.Ordinal);
        Assert.Contains(instructions, i => i.Keyword == "ARG" && i.Arguments == "BUILDARCH");

        // Package names live in scripts/packages only: no stage installs anything by name.
        Assert.All(Stages().SelectMany(s => s.Instructions).Where(i => i.Keyword == "RUN"),
            r => Assert.DoesNotContain("apt-get install", r.Arguments + "\n" + r.Body, StringComparison.Ordinal));

        // Every list the Dockerfile can name exists: TARGETARCH is amd64 or arm64.
        foreach (var list in new[] { "aot-native", "aot-cross-amd64", "aot-cross-arm64" })
        {
            Assert.True(File.Exists(RepoPaths.At("scripts", "packages", list + ".txt")), $"scripts/packages/{list}.txt is missing");
        }
    }

    [Theory]
    [InlineData("aot-native", new[] { "clang", "zlib1g-dev" })]
    [InlineData("aot-cross-arm64", new[] { "clang", "llvm", "gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross" })]
    [InlineData("aot-cross-amd64", new[] { "clang", "llvm", "gcc-x86-64-linux-gnu", "libc6-dev-amd64-cross" })]
    public void PackageLists_AsInstallToolchainShReadsThem(string list, string[] packages)
    {
        var result = ProcessRunner.Run(RepoPaths.At("scripts", "install-toolchain.sh"), ["--list", list]);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(packages, result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void PackageLists_EveryLineNamesAPackageAndWhatProvesItIsThere()
    {
        var files = Directory.GetFiles(RepoPaths.At("scripts", "packages"), "*.txt");
        Assert.True(files.Length >= 5, string.Join(", ", files));
        foreach (var file in files)
        {
            foreach (var line in File.ReadAllLines(file).Select(l => (l.Contains('#', StringComparison.Ordinal) ? l[..l.IndexOf('#', StringComparison.Ordinal)] : l).Trim()).Where(l => l.Length > 0))
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.True(words.Length == 2 && PackageName().IsMatch(words[0]), $"{Path.GetFileName(file)}: '{line}' is not 'package probe'");
            }
        }

        var unknown = ProcessRunner.Run(RepoPaths.At("scripts", "install-toolchain.sh"), ["--list", "no-such-list"]);
        Assert.True(unknown.ExitCode == 2 && unknown.StdErr.Contains("no package list 'no-such-list'", StringComparison.Ordinal), unknown.Describe());
    }

    [Fact]
    public void TestAndDemo_InstallFromTheSameScript_AndPublishShNamesItWhenAToolIsMissing()
    {
        Assert.Contains("scripts/install-toolchain.sh\n", File.ReadAllText(RepoPaths.At("test.sh")), StringComparison.Ordinal);
        Assert.Contains("scripts/install-toolchain.sh aot-native demo", File.ReadAllText(RepoPaths.At("demo.sh")), StringComparison.Ordinal);
        var publish = File.ReadAllText(RepoPaths.At("scripts", "publish.sh"));
        Assert.Contains("run scripts/install-toolchain.sh aot-native", publish, StringComparison.Ordinal);
        Assert.Contains("run scripts/install-toolchain.sh $cross_list", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void FinalStage_HasNoShellFormRun_AndStartsAotAgentRun()
    {
        var final = Stages()[^1];

        Assert.DoesNotContain(final.Instructions, i => i.Keyword == "RUN");
        Assert.DoesNotContain(final.Instructions, i => i.Keyword is "SHELL" or "HEALTHCHECK");
        var entrypoint = Assert.Single(final.Instructions, i => i.Keyword == "ENTRYPOINT").Arguments;
        var cmd = final.Instructions.SingleOrDefault(i => i.Keyword == "CMD")?.Arguments;
        Assert.True(
            (entrypoint == "[\"/app/aot-agent\"]" && cmd == "[\"run\"]")
            || (entrypoint == "[\"/app/aot-agent\", \"run\"]" && cmd is null),
            $"ENTRYPOINT {entrypoint} CMD {cmd} is not exec-form `aot-agent run`");
        Assert.Contains(final.Instructions, i => i.Keyword == "COPY" && i.Arguments.Contains("--from=build", StringComparison.Ordinal));
    }

    [Fact]
    public void PublishScript_IsTheOneTheDockerfileRuns()
    {
        var script = File.ReadAllText(RepoPaths.At("scripts", "publish.sh"));
        Assert.Contains("dotnet publish src/AotAgent/AotAgent.csproj", script, StringComparison.Ordinal);
        Assert.Contains("rm -f \"$out\"/*.dbg", script, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerIgnore_ExcludesBuildOutputsToolsAndGit()
    {
        var entries = File.ReadAllLines(RepoPaths.At(".dockerignore"));
        Assert.Contains("**/bin/", entries);
        Assert.Contains("**/obj/", entries);
        Assert.Contains("artifacts/", entries);
        Assert.Contains(".tools/", entries);
        Assert.Contains(".git", entries);
    }

    [GeneratedRegex(@"<<-?(?<word>[A-Za-z_]+)\s*$")]
    private static partial Regex Heredoc();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackageName();
}
