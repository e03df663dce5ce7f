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
        Assert.Contains(runs, r => r.Contains("gcc-aarch64-linux-gnu", StringComparison.Ordinal) && r.Contains("zlib1g-dev:$TARGETARCH", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("gcc-x86-64-linux-gnu", StringComparison.Ordinal));
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
}
