using System.CommandLine;
using System.IO.Abstractions;
using System.Runtime.InteropServices;
using AotAgent.Commands;
using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Platform;

// Composition root: the edges every verb runs on, then the command line. Everything else is in the folders.

// SIGTERM is taken over first thing, so that at any moment after start-up it stops the verb gracefully (the daemon
// finishes its pass and exits 0) instead of the default action killing the process (exit 143).
using var stopping = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stopping.Cancel();
});

// SIGHUP re-reads the configuration (the daemon attaches to this once its loop exists) instead of ending the process.
var hangup = new HangupReload();
using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
{
    signal.Cancel = true;
    hangup.Request();
});

var context = new CommandContext(
    new FileSystem(),
    new LibcFileProbe(),
    new LibcDirectorySync(),
    TimeProvider.System,
    SettingsLoader.ReadEnvironment(Environment.GetEnvironmentVariables()),
    Console.Out,
    Console.Error)
{
    Hangup = hangup,
};

var parse = AgentCommandLine.Build(context).Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine("invalid command line: " + error.Message);
    }

    return ExitCodes.BadConfiguration;
}

return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stopping.Token);
