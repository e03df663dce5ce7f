using System.Text.RegularExpressions;

namespace AotAgent.Deploy.Tests;

/// <summary>Static checks of the top-level Dockerfile (no Docker engine is needed).</summary>
public sealed partial class DockerfileTests
{
    private sealed record Instruction(string Keyword, string Arguments, string Body);

    private sealed record Stage(string From, List<Instruction> Instructions);

    private static List<Stage> Stages() => Parse().Stages;

    /// <summary>The ARGs before the first FROM (the base images), with their defaults.</summary>
    private static Dictionary<string, string> GlobalArgs() => Parse().GlobalArgs;

    private static (List<Stage> Stages, Dictionary<string, string> GlobalArgs) Parse()
    {
        var stages = new List<Stage>();
        var globalArgs = new Dictionary<string, string>(StringComparer.Ordinal);
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
            else if (keyword == "ARG" && arguments.Split('=', 2) is [var name, var value])
            {
                globalArgs[name] = value;
            }
        }

        return (stages, globalArgs);
    }

    /// <summary>A stage's base image with the global ARGs substituted.</summary>
    private static string BaseImage(Stage stage) =>
        ArgReference().Replace(stage.From, m => GlobalArgs().GetValueOrDefault(m.Groups["name"].Value, m.Value));

    [Fact]
    public void Dockerfile_IsMultiStage_FromAotSdkToChiseledRuntimeDeps()
    {
        var stages = Stages();

        Assert.True(stages.Count >= 2, "expected a build stage and a final stage");
        Assert.Contains(stages, s => BaseImage(s).StartsWith("--platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot ", StringComparison.Ordinal));
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled ", BaseImage(stages[^1]), StringComparison.Ordinal);
    }

    /// <summary>Both base images come from build arguments, so they can be pinned by digest without editing the file.</summary>
    [Fact]
    public void BaseImages_PinnableByDigest_ThroughBuildArguments()
    {
        var stages = Stages();

        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0-noble-aot", GlobalArgs()["SDK_IMAGE"]);
        Assert.Equal("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", GlobalArgs()["RUNTIME_IMAGE"]);
        Assert.Equal("--platform=$BUILDPLATFORM ${SDK_IMAGE} AS build", stages[0].From);
        Assert.Equal("${RUNTIME_IMAGE} AS final", stages[^1].From);
        Assert.All(stages, s => Assert.DoesNotContain("mcr.microsoft.com", s.From, StringComparison.Ordinal));
        Assert.Contains("--build-arg SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble-aot@sha256:", File.ReadAllText(RepoPaths.At("Dockerfile")), StringComparison.Ordinal);
    }

    /// <summary>
    /// The restore is its own layer, made from the files a restore reads: a change to the sources reuses it (and the
    /// packages it downloaded).
    /// </summary>
    [Fact]
    public void BuildStage_RestoresInALayerOfItsOwn_BeforeTheSourcesAreCopied()
    {
        var instructions = Stages()[0].Instructions;
        var props = instructions.FindIndex(i => i.Keyword == "COPY" && i.Arguments.Contains("Directory.Packages.props", StringComparison.Ordinal)
            && i.Arguments.Contains("Directory.Build.props", StringComparison.Ordinal) && i.Arguments.Contains("global.json", StringComparison.Ordinal));
        var project = instructions.FindIndex(i => i.Keyword == "COPY" && i.Arguments.EndsWith("src/AotAgent/AotAgent.csproj src/AotAgent/", StringComparison.Ordinal));
        var restore = instructions.FindIndex(i => i.Keyword == "RUN" && i.Body.Contains("dotnet restore src/AotAgent/AotAgent.csproj -r \"$rid\"", StringComparison.Ordinal));
        var sources = instructions.FindIndex(i => i.Keyword == "COPY" && i.Arguments == "--link . .");
        var publish = instructions.FindIndex(i => i.Keyword == "RUN" && i.Body.Contains("scripts/publish.sh", StringComparison.Ordinal));

        Assert.True(props >= 0 && project >= 0 && restore > props && restore > project, "COPY the props and the project, then dotnet restore");
        Assert.True(sources > restore && publish > sources, "the sources come after the restore, the publish after them");
        Assert.Contains("--mount=type=cache,target=/root/.nuget/packages", instructions[restore].Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void FinalStage_RunsAsANumericNonRootUser_AndCarriesOciLabels()
    {
        var final = Stages()[^1].Instructions;

        var user = Assert.Single(final, i => i.Keyword == "USER").Arguments;
        Assert.Matches(@"^[1-9][0-9]*(:[1-9][0-9]*)?$", user);
        var label = string.Join(' ', final.Where(i => i.Keyword == "LABEL").Select(i => i.Arguments));
        Assert.Contains("org.opencontainers.image.source=\"${SOURCE}\"", label, StringComparison.Ordinal);
        Assert.Contains("org.opencontainers.image.revision=\"${REVISION}\"", label, StringComparison.Ordinal);
        Assert.Contains("org.opencontainers.image.version=\"${VERSION}\"", label, StringComparison.Ordinal);
        var args = final.Where(i => i.Keyword == "ARG").Select(i => i.Arguments.Split('=', 2)[0]).ToList();
        Assert.Contains("SOURCE", args);
        Assert.Contains("REVISION", args);
        Assert.Contains("VERSION", args);

        // The image's default version is the project's and the chart's.
        var version = final.Single(i => i.Keyword == "ARG" && i.Arguments.StartsWith("VERSION=", StringComparison.Ordinal)).Arguments["VERSION=".Length..];
        Assert.Contains($"<Version>{version}</Version>", File.ReadAllText(RepoPaths.At("Directory.Build.props")), StringComparison.Ordinal);
        Assert.Contains($"appVersion: \"{version}\"", File.ReadAllText(Path.Combine(RepoPaths.ChartDir, "Chart.yaml")), StringComparison.Ordinal);

        // The chart runs it as uid 0 on purpose (the host's CNI directory is root-owned), and says why.
        Assert.Contains("root-owned", File.ReadAllText(Path.Combine(RepoPaths.ChartDir, "values.yaml")), StringComparison.Ordinal);
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

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+)\}")]
    private static partial Regex ArgReference();

    [GeneratedRegex(@"<<-?(?<word>[A-Za-z_]+)\s*$")]
    private static partial Regex Heredoc();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackageName();
}
