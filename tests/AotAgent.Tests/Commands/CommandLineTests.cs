using System.CommandLine;
using AotAgent.Commands;
using AotAgent.Diagnostics;
using AotAgent.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Commands;

/// <summary>The command line as Program.cs parses and invokes it: <c>version</c> and <c>--version</c>; SIGHUP's routing.</summary>
public sealed class CommandLineTests
{
    private static (int Code, string Stdout) Invoke(params string[] args)
    {
        var fs = new FaultyFileSystem();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CommandContext(fs, new FileSystemProbe(fs), new RecordingDirectorySync(), new FakeTimeProvider(), new Dictionary<string, string?>(), stdout, stderr);
        var code = AgentCommandLine.Build(context).Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString());
    }

    [Fact]
    public void VersionVerb_AndVersionOption_PrintTheSameLine()
    {
        var verb = Invoke("version");
        var option = Invoke("--version");

        Assert.Equal((ExitCodes.Done, AgentInfo.Version + Environment.NewLine), verb);
        Assert.Equal(verb, option);
        Assert.DoesNotContain('+', option.Stdout);
    }

    [Fact]
    public void Hangup_BeforeAttach_DoesNothing_ThenReachesTheHandler_UntilDetached()
    {
        var hangup = new HangupReload();
        var reloads = 0;

        Assert.False(hangup.Request());
        using (hangup.Attach(() => reloads++))
        {
            Assert.True(hangup.Request());
            Assert.True(hangup.Request());
        }

        Assert.False(hangup.Request());
        Assert.Equal(2, reloads);
    }
}
