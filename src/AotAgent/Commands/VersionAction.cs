using System.CommandLine;
using System.CommandLine.Invocation;
using AotAgent.Diagnostics;

namespace AotAgent.Commands;

/// <summary>
/// What <c>aot-agent version</c> and <c>aot-agent --version</c> both print: the version <c>aotagent_build_info</c> and the
/// start-up line carry. (System.CommandLine's own <c>--version</c> prints the assembly's informational version, which
/// carries a commit suffix: the two disagreed.)
/// </summary>
internal sealed class VersionAction(TextWriter stdout) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        stdout.WriteLine(AgentInfo.Version);
        return ExitCodes.Done;
    }
}
