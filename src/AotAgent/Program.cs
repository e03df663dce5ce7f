using System.IO.Abstractions;
using AotAgent.Commands;
using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Platform;

// Composition root: the edges every verb runs on, then the command line. Everything else is in the folders.
var context = new CommandContext(
    new FileSystem(),
    new LibcFileProbe(),
    new LibcDirectorySync(),
    TimeProvider.System,
    SettingsLoader.ReadEnvironment(Environment.GetEnvironmentVariables()),
    Console.Out,
    Console.Error);

var parse = AgentCommandLine.Build(context).Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine("invalid command line: " + error.Message);
    }

    return ExitCodes.BadConfiguration;
}

return await parse.InvokeAsync();
