using AotAgent.Configuration;
using AotAgent.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AotAgent.Hosting;

/// <summary>
/// The daemon's console log: simple (one line) or JSON, UTC timestamps, colour only on a terminal (a pipe or a log file
/// never gets ANSI codes, whatever DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION says), and the Generic Host's
/// start-up chatter ("Application started. Press Ctrl+C to shut down.", "Hosting environment", "Content root path")
/// only at Debug. The operator's <c>Logging__</c> keys still win for every category.
/// </summary>
internal static class ConsoleLogging
{
    /// <summary>The Generic Host's lifetime messages (and Kestrel's "Now listening on"), all at Information.</summary>
    public const string HostLifetimeCategory = "Microsoft.Hosting.Lifetime";

    public static void Add(IHostApplicationBuilder builder, IConfiguration configuration, bool outputIsTerminal)
    {
        // Filters first: the operator's configuration, added after them, wins for the same category.
        HttpServer.AddLogFilters(builder.Logging);
        if (!DebugByDefault(configuration))
        {
            builder.Logging.AddFilter(HostLifetimeCategory, LogLevel.Warning);
        }

        builder.Logging.AddConfiguration(builder.Configuration.GetSection(SettingKeys.LoggingSection));
        builder.Logging.AddJsonConsole(o =>
        {
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
            o.ColorBehavior = Colors(outputIsTerminal);
        });

        // Each Add*Console above sets FormatterName; the operator's Logging__Console__FormatterName must win.
        var formatter = configuration[$"{SettingKeys.LoggingSection}:Console:FormatterName"];
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = string.IsNullOrEmpty(formatter) ? ConsoleFormatterNames.Simple : formatter.Trim());
    }

    /// <summary>Colour on a terminal only: never into a pipe, a file or a container runtime's log.</summary>
    public static LoggerColorBehavior Colors(bool outputIsTerminal) => outputIsTerminal ? LoggerColorBehavior.Enabled : LoggerColorBehavior.Disabled;

    /// <summary>Whether <c>Logging__LogLevel__Default</c> is Debug or Trace (then the host's chatter is shown).</summary>
    public static bool DebugByDefault(IConfiguration configuration) =>
        Enum.TryParse<LogLevel>(configuration[$"{SettingKeys.LoggingSection}:LogLevel:Default"]?.Trim(), ignoreCase: true, out var level)
        && level <= LogLevel.Debug;
}
