using System.IO.Abstractions;
using AotAgent.Commands;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Hosting;
using AotAgent.Output;

// Composition root: the verbs and the objects they run on. Everything else is in the folders.
var fileSystem = new FileSystem();
var environment = SettingsLoader.ReadEnvironment(Environment.GetEnvironmentVariables());
var oneShot = new OneShotCommands(fileSystem, new LibcDirectorySync(), TimeProvider.System, environment, Console.Out, Console.Error);

var root = AgentCommandLine.Build(
    oneShot.Once,
    oneShot.Explain,
    oneShot.Render,
    oneShot.Uninstall,
    (input, ct) => AgentDaemon.RunAsync(input, environment, ct),
    () =>
    {
        Console.WriteLine(AgentInfo.Version);
        return ExitCodes.Done;
    });

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine("invalid command line: " + error.Message);
    }

    return ExitCodes.BadConfiguration;
}

return await parse.InvokeAsync();
