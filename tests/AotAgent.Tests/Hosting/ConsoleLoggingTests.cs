using AotAgent.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AotAgent.Tests.Hosting;

/// <summary>The daemon's console log as the host builds it: the host's chatter only at Debug, colour only on a terminal.</summary>
public sealed class ConsoleLoggingTests
{
    private static ServiceProvider Build(bool terminal, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);
        ConsoleLogging.Add(builder, configuration, terminal);
        return builder.Services.BuildServiceProvider();
    }

    private static bool Enabled(ServiceProvider services, string category, LogLevel level) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(level);

    [Fact]
    public void HostChatter_HiddenAtInformation_AgentsOwnLinesKept()
    {
        using var services = Build(terminal: false);

        Assert.False(Enabled(services, ConsoleLogging.HostLifetimeCategory, LogLevel.Information));
        Assert.True(Enabled(services, ConsoleLogging.HostLifetimeCategory, LogLevel.Warning));
        Assert.True(Enabled(services, "AotAgent.Diagnostics.PassReporter", LogLevel.Information));
    }

    [Theory]
    [InlineData("Debug")]
    [InlineData("trace")]
    public void HostChatter_ShownWhenTheDefaultLevelIsDebugOrBelow(string level)
    {
        using var services = Build(terminal: false, ("Logging:LogLevel:Default", level));

        Assert.True(Enabled(services, ConsoleLogging.HostLifetimeCategory, LogLevel.Information));
    }

    [Fact]
    public void HostChatter_TheOperatorsCategoryLevelWins()
    {
        using var services = Build(terminal: false, ("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information"));

        Assert.True(Enabled(services, ConsoleLogging.HostLifetimeCategory, LogLevel.Information));
    }

    [Theory]
    [InlineData(false, LoggerColorBehavior.Disabled)]
    [InlineData(true, LoggerColorBehavior.Enabled)]
    public void Colour_OnlyOnATerminal(bool terminal, LoggerColorBehavior expected)
    {
        using var services = Build(terminal);

        var simple = services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
        Assert.Equal(expected, simple.ColorBehavior);
        Assert.Equal(ConsoleFormatterNames.Simple, services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
    }
}
